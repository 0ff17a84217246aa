/**
 * The ids Slack sends back when someone clicks, selects or submits: builders put them on
 * elements and views, listeners match on them, so both sides read them from here.
 */
export const ACTION_IDS = {
  /** Opens the workload modal filled with an audit's workload; value: the audit id. */
  editInputs: 'edit_inputs',
  /** Re-runs an audit against another model chosen in a select; block carries the audit id. */
  compareModel: 'compare_model',
  /** Turns an audit's quarterly reminders off or on; value: the audit id. */
  toggleReminders: 'toggle_reminders',
  /** On a nudge: next nudge in two weeks; value: the audit id. */
  snooze: 'snooze_reminder',
  /** On a nudge: no more nudges for this audit; value: the audit id. */
  stopReminders: 'stop_reminders',
  /** On the Home tab: opens an empty workload modal. */
  newCheck: 'new_check',
} as const;

export const CALLBACK_IDS = {
  /** The workload modal's view. */
  workloadModal: 'workload_modal',
  /** The global shortcut "Self-host check". */
  shortcut: 'selfhost_check_shortcut',
} as const;
