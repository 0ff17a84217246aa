import type { App } from '@slack/bolt';
import { COMMAND } from '../blocks/texts.ts';
import { type CommandDependencies, selfhostCheckCommand } from './selfhost-check-command.ts';

export type ListenerDependencies = CommandDependencies;

/** Every listener of the app. */
export function registerListeners(app: App, deps: ListenerDependencies): void {
  app.command(COMMAND, selfhostCheckCommand(deps));
}
