export function capacityCommand(_a: string[]) {
  return { stdout: '', exitCode: 2 };
}
