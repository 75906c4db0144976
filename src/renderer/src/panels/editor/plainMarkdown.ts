// Texts from tools (Delve's messages, gopls's doc comments) shown in Monaco's hovers, which render
// markdown: escaped so that they show as plain text, never as markup.

/** Every markdown special character backslash-escaped. */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');

/** Escaped, with its line breaks kept (markdown would join the lines of a paragraph). */
export const plainMarkdown = (text: string) => escapeMarkdown(text).replace(/\n/g, '  \n');
