/**
 * Compile-time proof that channel-names.ts lists exactly the contract's channels and events.
 * If this file fails to type-check, the error names the channels to add to (or remove from)
 * src/shared/contract/channel-names.ts. Type-only: nothing here exists at run time.
 */
import type { ChannelName, EventName } from './index.js';
import type { ListedChannelName, ListedEventName } from './channel-names.js';

type InSync<Names, Message extends string> = [Names] extends [never] ? true : { error: Message; names: Names };

export const requestChannelsListed: InSync<
  Exclude<ChannelName, ListedChannelName>,
  'Request channel in the contract but missing from src/shared/contract/channel-names.ts (requestChannelNameList): add it there'
> = true;
export const requestChannelsExist: InSync<
  Exclude<ListedChannelName, ChannelName>,
  'Name in channel-names.ts requestChannelNameList that is not a request channel of the contract: remove or fix it'
> = true;
export const eventsListed: InSync<
  Exclude<EventName, ListedEventName>,
  'Event in the contract but missing from src/shared/contract/channel-names.ts (eventNameList): add it there'
> = true;
export const eventsExist: InSync<
  Exclude<ListedEventName, EventName>,
  'Name in channel-names.ts eventNameList that is not an event of the contract: remove or fix it'
> = true;
