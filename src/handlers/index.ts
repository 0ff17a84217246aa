import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../blocks/action-ids.ts';
import { COMMAND } from '../blocks/texts.ts';
import { type CommandDependencies, selfhostCheckCommand } from './selfhost-check-command.ts';
import { snoozeButton } from './snooze-button.ts';
import { stopRemindersButton } from './stop-reminders-button.ts';

export type ListenerDependencies = CommandDependencies;

/** Every listener of the app. */
export function registerListeners(app: App, deps: ListenerDependencies): void {
  app.command(COMMAND, selfhostCheckCommand(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.snooze, snoozeButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.stopReminders, stopRemindersButton(deps));
}
