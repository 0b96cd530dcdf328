import type { ChannelName, ChannelParsedRequest, ChannelResult } from '../../shared/contract/index.js';
import type { Result } from '../../shared/result.js';

/** A handler receives an already-validated request; it may return a value or a Result. */
export type Handler<K extends ChannelName> = (
  request: ChannelParsedRequest<K>,
) => Promise<ChannelResult<K> | Result<ChannelResult<K>>> | ChannelResult<K> | Result<ChannelResult<K>>;

export type HandlerTable = { [K in ChannelName]: Handler<K> };
export type PartialHandlerTable = { [K in ChannelName]?: Handler<K> };
