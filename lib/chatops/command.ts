/** The commands the bot acts on, as the parser (bot/commands.ts) reads them from a comment. */

export type Command =
  | { name: 'rollback'; version?: string; environment?: string; reason?: string }
  | { name: 'deploy'; version: string; environment: string }
  | { name: 'status'; environment?: string }
  | { name: 'lock'; environment: string; reason?: string }
  | { name: 'unlock'; environment: string }
  | { name: 'help' };

export type CommandName = Command['name'];

/** How each command is written; shown in refusals and by `/help`. */
export const USAGE: Record<CommandName, string> = {
  rollback: '/rollback [vX.Y.Z] [to <env>] [--reason "..."]',
  deploy: '/deploy vX.Y.Z to <env>',
  status: '/status [<env>]',
  lock: '/lock <env> [--reason "..."]',
  unlock: '/unlock <env>',
  help: '/help',
};
