/**
 * Slack's Block Kit limits, as the JSDoc of @slack/types and Slack's reference state them (there
 * is no official JSON Schema for Block Kit). `blockKitProblems` lists every breach it finds.
 */

export type Surface = 'message' | 'modal' | 'home';

export const BLOCK_KIT_LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  textObject: 3_000,
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2_000,
  url: 3_000,
  imageAltText: 2_000,
  imageTitle: 2_000,
  inputLabel: 2_000,
  inputHint: 2_000,
  optionText: 75,
  optionValue: 75,
  options: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3_000,
  callbackId: 255,
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.text === 'string') return value.text;
  return undefined;
}

class Checker {
  readonly problems: string[] = [];

  max(where: string, value: string | undefined, limit: number): void {
    if (value !== undefined && value.length > limit) {
      this.problems.push(`${where}: ${value.length} characters, limit ${limit}`);
    }
  }

  count(where: string, items: unknown, limit: number): void {
    if (Array.isArray(items) && items.length > limit) {
      this.problems.push(`${where}: ${items.length} items, limit ${limit}`);
    }
  }

  textObject(where: string, value: unknown, limit: number = BLOCK_KIT_LIMITS.textObject): void {
    if (value === undefined) return;
    if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn')) {
      this.problems.push(`${where}: not a text object`);
      return;
    }
    const text = textOf(value) ?? '';
    if (text.length === 0) this.problems.push(`${where}: empty text`);
    this.max(where, text, limit);
  }

  plainText(where: string, value: unknown, limit: number): void {
    if (isObject(value) && value.type !== 'plain_text') {
      this.problems.push(`${where}: must be plain_text`);
    }
    this.textObject(where, value, limit);
  }

  element(where: string, element: unknown): void {
    if (!isObject(element)) return;
    this.max(
      `${where}.action_id`,
      element.action_id as string | undefined,
      BLOCK_KIT_LIMITS.actionId,
    );
    this.max(`${where}.url`, element.url as string | undefined, BLOCK_KIT_LIMITS.url);

    if (element.type === 'button') {
      this.plainText(`${where}.text`, element.text, BLOCK_KIT_LIMITS.buttonText);
      this.max(`${where}.value`, element.value as string | undefined, BLOCK_KIT_LIMITS.buttonValue);
    }
    if (element.type === 'image') {
      this.max(
        `${where}.alt_text`,
        element.alt_text as string | undefined,
        BLOCK_KIT_LIMITS.imageAltText,
      );
    }
    if ('placeholder' in element) this.plainText(`${where}.placeholder`, element.placeholder, 150);

    this.count(`${where}.options`, element.options, BLOCK_KIT_LIMITS.options);
    const options = Array.isArray(element.options) ? element.options : [];
    options.forEach((option, index) => {
      if (!isObject(option)) return;
      this.textObject(`${where}.options[${index}].text`, option.text, BLOCK_KIT_LIMITS.optionText);
      this.max(
        `${where}.options[${index}].value`,
        option.value as string | undefined,
        BLOCK_KIT_LIMITS.optionValue,
      );
    });
  }

  block(where: string, block: unknown): void {
    if (!isObject(block) || typeof block.type !== 'string') {
      this.problems.push(`${where}: not a block`);
      return;
    }
    this.max(`${where}.block_id`, block.block_id as string | undefined, BLOCK_KIT_LIMITS.blockId);

    switch (block.type) {
      case 'section':
        return this.section(where, block);
      case 'header':
        return this.plainText(`${where}.text`, block.text, BLOCK_KIT_LIMITS.headerText);
      case 'context':
        this.count(`${where}.elements`, block.elements, BLOCK_KIT_LIMITS.contextElements);
        return this.elements(where, block.elements);
      case 'actions':
        this.count(`${where}.elements`, block.elements, BLOCK_KIT_LIMITS.actionsElements);
        return this.elements(where, block.elements);
      case 'image':
        this.max(
          `${where}.alt_text`,
          block.alt_text as string | undefined,
          BLOCK_KIT_LIMITS.imageAltText,
        );
        if (typeof block.alt_text !== 'string' || block.alt_text.length === 0) {
          this.problems.push(`${where}.alt_text: missing`);
        }
        this.max(`${where}.image_url`, block.image_url as string | undefined, BLOCK_KIT_LIMITS.url);
        return this.textObject(`${where}.title`, block.title, BLOCK_KIT_LIMITS.imageTitle);
      case 'input':
        this.plainText(`${where}.label`, block.label, BLOCK_KIT_LIMITS.inputLabel);
        this.plainText(`${where}.hint`, block.hint, BLOCK_KIT_LIMITS.inputHint);
        return this.element(`${where}.element`, block.element);
      default:
        return;
    }
  }

  section(where: string, block: Json): void {
    if (block.text === undefined && block.fields === undefined) {
      this.problems.push(`${where}: a section needs text or fields`);
    }
    this.textObject(`${where}.text`, block.text, BLOCK_KIT_LIMITS.sectionText);
    this.count(`${where}.fields`, block.fields, BLOCK_KIT_LIMITS.sectionFields);
    const fields = Array.isArray(block.fields) ? block.fields : [];
    fields.forEach((field, index) => {
      this.textObject(`${where}.fields[${index}]`, field, BLOCK_KIT_LIMITS.fieldText);
    });
    this.element(`${where}.accessory`, block.accessory);
  }

  elements(where: string, elements: unknown): void {
    if (!Array.isArray(elements)) {
      this.problems.push(`${where}.elements: missing`);
      return;
    }
    elements.forEach((element, index) => {
      if (isObject(element) && (element.type === 'mrkdwn' || element.type === 'plain_text')) {
        this.textObject(`${where}.elements[${index}]`, element);
      } else {
        this.element(`${where}.elements[${index}]`, element);
      }
    });
  }

  blocks(blocks: readonly unknown[], surface: Surface): void {
    this.count('blocks', blocks, BLOCK_KIT_LIMITS.blocks[surface]);
    blocks.forEach((block, index) => this.block(`blocks[${index}]`, block));

    const ids = blocks.flatMap((block) =>
      isObject(block) && typeof block.block_id === 'string' ? [block.block_id] : [],
    );
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0) this.problems.push(`block_id repeated: ${repeated.join(', ')}`);
  }
}

/** Every Block Kit limit a block list breaks on the given surface; empty when it fits. */
export function blockKitProblems(
  blocks: readonly unknown[],
  surface: Surface = 'message',
): string[] {
  const checker = new Checker();
  checker.blocks(blocks, surface);
  return checker.problems;
}

/** Limits of a whole message: its blocks and its top-level text (needed as the fallback). */
export function messageProblems(message: { text?: string; blocks?: unknown[] }): string[] {
  const checker = new Checker();
  if (message.text === undefined || message.text.length === 0) {
    checker.problems.push('text: missing (notifications and screen readers use it)');
  }
  checker.max('text', message.text, BLOCK_KIT_LIMITS.messageText);
  checker.blocks(message.blocks ?? [], 'message');
  return checker.problems;
}

/** Limits of a modal or Home tab view. */
export function viewProblems(view: Json): string[] {
  const checker = new Checker();
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  if (surface === 'modal') {
    checker.plainText('title', view.title, BLOCK_KIT_LIMITS.viewTitle);
    checker.plainText('submit', view.submit, BLOCK_KIT_LIMITS.viewButton);
    checker.plainText('close', view.close, BLOCK_KIT_LIMITS.viewButton);
  }
  checker.max(
    'private_metadata',
    view.private_metadata as string | undefined,
    BLOCK_KIT_LIMITS.privateMetadata,
  );
  checker.max('callback_id', view.callback_id as string | undefined, BLOCK_KIT_LIMITS.callbackId);
  checker.blocks(Array.isArray(view.blocks) ? view.blocks : [], surface);
  return checker.problems;
}
