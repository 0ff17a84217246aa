/** What the input layer tells a person whose workload it could not read. */
export const inputMessages = {
  unreadablePart: (part: string) =>
    `Could not read "${part}": write it as key=value (e.g. output-tokens=2k) or a phrase ` +
    'like "2k output".',
  unknownKey: (key: string) => `Unknown key "${key}". Type \`/selfhost-check help\` for the list.`,
  badNumber: (key: string, raw: string) =>
    `${key}: "${raw}" is not a number (write 1500, 1.5k or 1.5M).`,
  badShare: (key: string, raw: string) => `${key}: "${raw}" is not a share (write 80% or 0.8).`,
  badMoney: (key: string, raw: string) => `${key}: "${raw}" is not an amount (write $2.99 or 15k).`,
  badDuration: (key: string, raw: string) =>
    `${key}: "${raw}" is not a duration (write 300ms or 0.3s).`,
  badFlag: (key: string, raw: string) => `${key}: "${raw}" is not yes or no.`,
  unknownChoice: (key: string, raw: string, known: readonly string[]) =>
    `${key}: "${raw}" is not one of ${known.join(', ')}.`,
  givenTwice: (key: string) => `${key} is given twice; keep one.`,
  invalid: (key: string, problem: string) => `${key}: ${problem}`,
  tooLong: (length: number, max: number) =>
    `The text is ${length} characters long; the most it reads is ${max}.`,
} as const;
