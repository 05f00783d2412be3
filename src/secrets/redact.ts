/** Replaces every secret value in text: error messages, summaries, comments. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 3) result = result.split(secret).join('***')
  }
  return result
}
