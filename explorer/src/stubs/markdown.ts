// Stands in for codemirror-json-schema's Markdown renderer (markdown-it with the shiki
// highlighter, which would more than double the page and start a highlighter on every load).
// bedsim's schema says what a key is in plain words and types, so its hover help and
// completion notes are shown as text: escaped, with `code` spans kept as code.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function renderMarkdown(markdown: string, inline = true): string {
  const text = markdown
    .replace(/[&<>"']/g, (c) => ESCAPES[c])
    .replace(/```(?:\w+)?\n?([\s\S]*?)```/g, "<code>$1</code>")
    .replace(/`([^`]+)`/g, "<code>$1</code>");
  return inline ? text : `<p>${text}</p>`;
}
