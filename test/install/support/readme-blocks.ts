// The TypeScript blocks of README.md, each with the line it starts on, to be compiled and run as written.

/** One ```ts block: its first code line (1-based) and its text. */
export interface ReadmeBlock {
  readonly line: number;
  readonly code: string;
}

/** Every fenced block tagged ts or typescript, in order. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith("```"));
    if (end < 0) throw new Error(`README.md:${i + 1}: a ts block never ends`);
    blocks.push({ line: i + 2, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}
