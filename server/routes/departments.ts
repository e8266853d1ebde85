import type { Conversation } from '../../contract/index.js';
import { ApiError } from '../errors.js';

/**
 * Department channels follow the portal: whoever's token names the department is in it, from their
 * next request on. Adding, removing and leaving by hand would only be undone at the next sign-in, so
 * every participants route refuses them.
 *
 * @throws ApiError 409 `department_channel`.
 */
export function refuseDepartmentChannel(conversation: Pick<Conversation, 'kind' | 'department'>): void {
  if (conversation.kind === 'department') {
    throw new ApiError(
      409,
      'department_channel',
      `The ${conversation.department ?? ''} channel includes everyone of that department, as the portal says; people cannot be added, removed or leave by hand.`,
    );
  }
}
