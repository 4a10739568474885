/** The element with `data-testid=id` (the page's DOM contract), typed. */
export function byTestId<T extends HTMLElement = HTMLElement>(
  id: string,
  root: ParentNode = document,
): T {
  const element = root.querySelector<T>(`[data-testid="${id}"]`);
  if (element === null) throw new Error(`the page must have an element [data-testid=${id}]`);
  return element;
}

/** Creates an element with a class and text. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attributes?: Record<string, string> } = {},
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (options.className) created.className = options.className;
  if (options.text !== undefined) created.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {}))
    created.setAttribute(name, value);
  return created;
}

/** Fills a `<select>` with options (value, label) and selects `selected`. */
export function fillSelect(
  select: HTMLSelectElement,
  options: readonly (readonly [value: string, label: string])[],
  selected?: string,
): void {
  select.replaceChildren(
    ...options.map(([value, label]) => {
      const option = element('option', { text: label, attributes: { value } });
      option.selected = value === selected;
      return option;
    }),
  );
}
