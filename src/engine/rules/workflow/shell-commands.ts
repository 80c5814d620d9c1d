import { parseShell, type Node } from '../../shell/parser.js';

/**
 * The simple commands of a script as tree-sitter-bash sees them: the literal command name and the
 * argument nodes. Used for the workflow-specific question "does this step check out the PR's
 * code"; every other judgement of a script belongs to the shell classifier.
 */
export interface SimpleCommand {
  name: string;
  args: { text: string; variables: string[] }[];
}

const WRAPPERS = new Set(['sudo', 'env', 'nohup', 'time', 'nice', 'timeout', 'command', 'exec', 'xargs']);

export function simpleCommands(script: string): SimpleCommand[] | null {
  let tree;
  try {
    tree = parseShell(script);
  } catch {
    return null;
  }
  try {
    const out: SimpleCommand[] = [];
    for (const node of tree.rootNode.descendantsOfType('command')) {
      if (!node) continue;
      const nameNode = node.childForFieldName('name');
      const args = node.childrenForFieldName('argument').filter((a): a is Node => a !== null);
      let words = args.map((a) => ({ text: unquote(a.text), variables: variablesIn(a) }));
      let name = nameNode?.text ?? '';
      // Wrappers run their first non-option argument as the command.
      while (WRAPPERS.has(name)) {
        const i = words.findIndex((w) => !w.text.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text) && !/^\d+[smhd]?$/.test(w.text));
        if (i < 0) break;
        name = words[i]?.text ?? '';
        words = words.slice(i + 1);
      }
      out.push({ name: name.split('/').pop() ?? name, args: words });
    }
    return out;
  } finally {
    tree.delete();
  }
}

function unquote(text: string): string {
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0])) return text.slice(1, -1);
  return text;
}

function variablesIn(node: Node): string[] {
  return node
    .descendantsOfType('variable_name')
    .filter((n): n is Node => n !== null)
    .map((n) => n.text);
}
