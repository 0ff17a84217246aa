import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS } from '../blocks/action-ids.ts';
import { COMMAND } from '../blocks/texts.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { compareModelSelect } from './compare-model-select.ts';
import { editInputsButton } from './edit-inputs-button.ts';
import { newCheckButton } from './new-check-button.ts';
import { type CommandDependencies, selfhostCheckCommand } from './selfhost-check-command.ts';
import { selfhostCheckShortcut } from './selfhost-check-shortcut.ts';
import { snoozeButton } from './snooze-button.ts';
import { stopRemindersButton } from './stop-reminders-button.ts';
import { toggleRemindersButton } from './toggle-reminders-button.ts';
import { workloadModalSubmission } from './workload-modal-submission.ts';

export type ListenerDependencies = CommandDependencies;

/** Every listener of the app. */
export function registerListeners(app: App, deps: ListenerDependencies): void {
  app.command(COMMAND, selfhostCheckCommand(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.snooze, snoozeButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.stopReminders, stopRemindersButton(deps));
  app.view(CALLBACK_IDS.workloadModal, workloadModalSubmission(deps));
  app.action(ACTION_IDS.editInputs, editInputsButton(deps));
  app.action(ACTION_IDS.compareModel, compareModelSelect(deps));
  app.action(ACTION_IDS.toggleReminders, toggleRemindersButton(deps));
  app.action(ACTION_IDS.newCheck, newCheckButton(deps));
  app.shortcut(CALLBACK_IDS.shortcut, selfhostCheckShortcut(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}
