/** "1 vote", "2 votes", "1,204 votes"; irregular nouns pass their plural: plural(n, "person", "people"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralForm}`;
}
