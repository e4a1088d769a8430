/** A form field as text ('' when missing or a file); forms are small, fields bounded. */
export function field(form: Record<string, unknown>, name: string, maxChars = 5000): string {
  const value = form[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, maxChars).trim() : '';
}

/** Every value of a repeated field (checkboxes). */
export function fields(form: Record<string, unknown>, name: string): string[] {
  const value = form[name] ?? form[`${name}[]`];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}
