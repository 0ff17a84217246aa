/**
 * Blocks as lines a reader can scan in an inline snapshot: what each block shows people, with
 * the ids listeners match on, rather than its JSON. Headers read `# …`, context `~ …`, inputs
 * `[block-id] Label: what it takes = initial value`.
 */

type Json = Record<string, unknown>;

function text(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'text' in value) {
    return String((value as Json).text);
  }
  return '';
}

function optionText(option: Json): string {
  return `${text(option.text)} (${String(option.value)})`;
}

function selectLine(element: Json): string {
  const groups = (element.option_groups ?? []) as Json[];
  const options = (element.options ?? []) as Json[];
  const listed =
    groups.length > 0
      ? groups.map(
          (group) =>
            `${text(group.label)}: ${((group.options ?? []) as Json[]).map(optionText).join(', ')}`,
        )
      : [options.map(optionText).join(' | ')];
  const initial = element.initial_option as Json | undefined;
  const chosen = initial === undefined ? '' : ` = ${optionText(initial)}`;
  const placeholder = element.placeholder === undefined ? '' : ` "${text(element.placeholder)}"`;
  return `select${placeholder}${chosen}; ${listed.join('; ')}`;
}

function elementLine(element: Json): string {
  switch (element.type) {
    case 'number_input': {
      const kind = element.is_decimal_allowed ? 'decimal' : 'whole number';
      const min = element.min_value ?? '';
      const max = element.max_value ?? '';
      const initial =
        element.initial_value === undefined ? '' : ` = ${String(element.initial_value)}`;
      return `${kind} ${String(min)}..${String(max)}${initial}`;
    }
    case 'static_select':
      return selectLine(element);
    case 'checkboxes': {
      const checked = ((element.initial_options ?? []) as Json[]).length > 0 ? 'x' : ' ';
      const [only] = (element.options ?? []) as Json[];
      return `[${checked}] ${only === undefined ? '' : text(only.text)}`;
    }
    case 'conversations_select':
      return 'conversation picker';
    case 'button': {
      const value = element.value === undefined ? '' : `=${String(element.value)}`;
      return `button "${text(element.text)}" → ${String(element.action_id)}${value}`;
    }
    default:
      return String(element.type);
  }
}

function blockLines(block: Json): string[] {
  switch (block.type) {
    case 'header':
      return [`# ${text(block.text)}`];
    case 'divider':
      return ['---'];
    case 'context':
      return ((block.elements ?? []) as Json[]).map((element) => `~ ${text(element)}`);
    case 'section': {
      const fields = ((block.fields ?? []) as Json[]).map((field) => `| ${text(field)}`);
      const accessory =
        block.accessory === undefined ? [] : [`  ${elementLine(block.accessory as Json)}`];
      return [...(block.text === undefined ? [] : [text(block.text)]), ...fields, ...accessory];
    }
    case 'actions': {
      const elements = ((block.elements ?? []) as Json[]).map(
        (element) => `  ${elementLine(element)}`,
      );
      return [`actions [${String(block.block_id)}]`, ...elements];
    }
    case 'input': {
      const optional = block.optional === true ? ' (optional)' : '';
      const label = `[${String(block.block_id)}] ${text(block.label)}${optional}`;
      const line = `${label}: ${elementLine(block.element as Json)}`;
      return block.hint === undefined ? [line] : [line, `    hint: ${text(block.hint)}`];
    }
    default:
      return [String(block.type)];
  }
}

export function outline(blocks: readonly unknown[]): string[] {
  return blocks.flatMap((block) => blockLines(block as Json));
}

/** A modal's title, buttons and metadata, then its blocks. */
export function outlineView(view: Json): string[] {
  const head =
    view.type === 'modal'
      ? [
          `modal "${text(view.title)}" [${text(view.submit)}] [${text(view.close)}] ` +
            `callback ${String(view.callback_id)} metadata ${String(view.private_metadata)}`,
        ]
      : [`${String(view.type)} view`];
  return [...head, ...outline((view.blocks ?? []) as unknown[])];
}
