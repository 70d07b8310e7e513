// Where and when a run happened, for the table header.
import { cpus, totalmem } from 'node:os'

export interface MachineInfo {
  date: string
  node: string
  cpu: string
  cores: number
  totalMemoryGB: number
}

export function machineInfo(now = new Date()): MachineInfo {
  const list = cpus()
  return {
    date: now.toISOString(),
    node: process.version,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  }
}
