import { describe, expect, it } from 'vitest';
import { webApiProblems } from './slack-contract.ts';

const BEARER = { authorization: 'Bearer xoxb-1-2-abc' };

describe('webApiProblems', () => {
  it('accepts a form-encoded call with the token in the Authorization header', () => {
    expect(webApiProblems('chat.postMessage', 'channel=C1&text=hi', BEARER)).toEqual([]);
  });

  it('accepts a JSON body with the token in it', () => {
    expect(webApiProblems('chat.postMessage', { token: 'xoxb-1', channel: 'C1' })).toEqual([]);
  });

  it('reports a missing required argument, the token included', () => {
    expect(webApiProblems('chat.postMessage', 'text=hi')).toEqual([
      'chat.postMessage: required argument "token" missing',
      'chat.postMessage: required argument "channel" missing',
    ]);
  });

  it('reports an argument the method does not take', () => {
    // @slack/web-api sends `alt_text` here, where Slack documents `alt_txt`.
    expect(
      webApiProblems('files.getUploadURLExternal', 'filename=a.png&length=10&alt_text=x', BEARER),
    ).toEqual(['files.getUploadURLExternal: unknown argument "alt_text"']);
  });

  it('reports a value of the wrong type', () => {
    expect(
      webApiProblems('files.getUploadURLExternal', 'filename=a.png&length=ten', BEARER),
    ).toEqual(['files.getUploadURLExternal: "length" is not integer']);
  });

  it('reports an array item without its required key', () => {
    const body = `files=${encodeURIComponent('[{"title":"chart"}]')}&channel_id=C1`;

    expect(webApiProblems('files.completeUploadExternal', body, BEARER)).toEqual([
      'files.completeUploadExternal: files[0] lacks required "id"',
    ]);
  });

  it('reports a method the reference does not have', () => {
    expect(webApiProblems('files.upload', 'channels=C1', BEARER)).toEqual([
      'files.upload: no such method in the reference',
    ]);
  });

  it('accepts the team_id Bolt adds to every call', () => {
    expect(webApiProblems('chat.postMessage', 'channel=C1&team_id=T1', BEARER)).toEqual([]);
  });
});
