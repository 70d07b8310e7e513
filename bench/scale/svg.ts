// The growth curve as a picture: one small chart per measure (build, load, first answer, peak RSS, p50, p99)
// against paragraphs (log scale), a line per subject. Plain SVG, no library: `--scale` writes it to docs/.
import type { ScaleReport } from './types.js'

const MEASURES = [
  ['buildMs', 'build (ms)'],
  ['loadMs', 'load (ms)'],
  ['firstAnswerMs', 'first answer (ms)'],
  ['peakRssMB', 'peak RSS (MB)'],
  ['p50Ms', 'ask p50 (ms)'],
  ['p99Ms', 'ask p99 (ms)'],
] as const
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd']
const W = 300
const H = 190
const PAD = { left: 52, right: 12, top: 26, bottom: 34 }

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const tick = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k` : v >= 10 ? v.toFixed(0) : v.toFixed(1))

/** The SVG of a `--scale` report. */
export function renderScaleSvg(report: ScaleReport): string {
  const names = [...new Set(report.corpora.flatMap((c) => c.rows.map((r) => r.name)))]
  const points = (name: string, key: (typeof MEASURES)[number][0]) =>
    report.corpora
      .map((c) => c.rows.find((r) => r.name === name))
      .filter((r) => r !== undefined && r.paragraphs !== null && r.paragraphs > 0 && r[key] !== null)
      .map((r) => [r!.paragraphs!, r![key]!] as const)
  const all = report.corpora.flatMap((c) => c.rows.map((r) => r.paragraphs ?? 0)).filter((p) => p > 0)
  const [xMin, xMax] = [Math.log10(Math.min(...all)), Math.log10(Math.max(...all))]
  const cols = 3
  const panels = MEASURES.map(([key, label], i) => {
    const ox = (i % cols) * W
    const oy = Math.floor(i / cols) * H
    const series = names.map((name) => points(name, key))
    const yMax = Math.max(1, ...series.flat().map(([, y]) => y)) * 1.05
    const x = (p: number) => ox + PAD.left + ((Math.log10(p) - xMin) / (xMax - xMin || 1)) * (W - PAD.left - PAD.right)
    const y = (v: number) => oy + H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom)
    const lines = series.map((pts, s) =>
      pts.length === 0 ? '' : `<polyline fill="none" stroke="${COLOURS[s % COLOURS.length]}" stroke-width="1.5" points="${pts.map(([p, v]) => `${x(p).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>` +
        pts.map(([p, v]) => `<circle cx="${x(p).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.2" fill="${COLOURS[s % COLOURS.length]}"/>`).join(''),
    )
    const xTicks = [...new Set(all)].sort((a, b) => a - b).map((p) => `<text x="${x(p).toFixed(1)}" y="${oy + H - PAD.bottom + 13}" text-anchor="middle">${tick(p)}</text>`)
    const yTicks = [0, 0.5, 1].map((f) => `<text x="${ox + PAD.left - 4}" y="${(y(f * yMax) + 3).toFixed(1)}" text-anchor="end">${tick(f * yMax)}</text>`)
    return [
      `<text x="${ox + PAD.left}" y="${oy + 16}" font-weight="bold">${esc(label)}</text>`,
      `<rect x="${ox + PAD.left}" y="${oy + PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#ccc"/>`,
      ...xTicks, ...yTicks, ...lines,
    ].join('\n')
  })
  const legendY = Math.ceil(MEASURES.length / cols) * H + 8
  const legend = names.map((name, s) => `<rect x="${12 + s * 230}" y="${legendY}" width="10" height="10" fill="${COLOURS[s % COLOURS.length]}"/><text x="${26 + s * 230}" y="${legendY + 9}">${esc(name)}</text>`)
  const width = cols * W
  const height = legendY + 40
  const footer = `<text x="12" y="${height - 8}" fill="#555">paragraphs (log scale) · ${esc(report.machine.date.slice(0, 10))} · ${esc(report.machine.cpu)}, ${report.machine.cores} cores · node ${esc(report.machine.node)}</text>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="10">\n<rect width="100%" height="100%" fill="white"/>\n${panels.join('\n')}\n${legend.join('\n')}\n${footer}\n</svg>\n`
}
