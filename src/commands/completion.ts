// `nps completion bash|zsh|fish`: a script that completes nps's commands, their flags and the
// values of flags with a fixed set of them, made from the flags' declarations (pipeline/flags.ts),
// so that it never lists a flag a command does not take.

import { usageError } from '../core/errors.js';
import { COMPLETED, choicesOf, flagsOf, namesOf } from '../pipeline/flags.js';
import type { Outcome } from '../pipeline/io.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

const quote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;

function bash(): string {
  const cases = COMPLETED.map((command) => {
    const words = flagsOf(command).flatMap((flag) => {
      const { long, short } = namesOf(flag);
      return short === null ? [`--${long}`] : [`-${short}`, `--${long}`];
    });
    return `    ${command}) flags=${quote([...words, '--help'].join(' '))} ;;`;
  });
  // The values of a flag depend on the command (--format: list writes ndjson, inspect table or json).
  const values = COMPLETED.flatMap((command) =>
    flagsOf(command)
      .filter((flag) => choicesOf(flag).length > 0)
      .map((flag) => `    ${quote(`${command} --${namesOf(flag).long}`)}) COMPREPLY=($(compgen -W ${quote(choicesOf(flag).join(' '))} -- "$cur")); return ;;`),
  );
  return `# nps completion for bash. Load it with: source <(nps completion bash)
# (or save it as ~/.local/share/bash-completion/completions/nps)
_nps() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" flags=''
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${quote([...COMPLETED, 'completion', 'help', '--help', '--version'].join(' '))} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]} $prev" in
${values.join('\n')}
  esac
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    completion) COMPREPLY=($(compgen -W ${quote(SHELLS.join(' '))} -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _nps nps
`;
}

function zsh(): string {
  // zsh runs bash's completion functions through bashcompinit: one script to keep right.
  return `#compdef nps
# nps completion for zsh. Load it with: source <(nps completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash()}`;
}

function fish(): string {
  const lines = ['# nps completion for fish. Load it with: nps completion fish | source', 'complete -c nps -f'];
  const top = COMPLETED.map((command) => `complete -c nps -n __fish_use_subcommand -a ${command}`);
  lines.push(...top, `complete -c nps -n __fish_use_subcommand -a completion -d ${quote('a completion script for bash, zsh or fish')}`);
  for (const command of COMPLETED) {
    for (const flag of flagsOf(command)) {
      const { long, short, takesValue } = namesOf(flag);
      const choices = choicesOf(flag);
      const parts = [`complete -c nps -n ${quote(`__fish_seen_subcommand_from ${command}`)}`, `-l ${long}`];
      if (short !== null) parts.push(`-s ${short}`);
      if (takesValue) parts.push(choices.length > 0 ? `-x -a ${quote(choices.join(' '))}` : '-r');
      parts.push(`-d ${quote(flag.help.split(' (')[0] ?? flag.help)}`);
      lines.push(parts.join(' '));
    }
    // Files for the command's argument.
    if (command !== 'plan') lines.push(`complete -c nps -n ${quote(`__fish_seen_subcommand_from ${command}`)} -F`);
  }
  lines.push(`complete -c nps -n ${quote('__fish_seen_subcommand_from completion')} -x -a ${quote(SHELLS.join(' '))}`);
  return `${lines.join('\n')}\n`;
}

export async function completionCommand(shell: string): Promise<Outcome> {
  const write = { bash, zsh, fish }[shell as (typeof SHELLS)[number]];
  if (!write) throw usageError(`nps completion ${JSON.stringify(shell)}: the shells are ${SHELLS.join(', ')}`, 'e.g. source <(nps completion bash)');
  return { stdout: write(), gateFailures: [] };
}
