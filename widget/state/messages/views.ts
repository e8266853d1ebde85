import { atom, type WritableAtom } from 'nanostores';
import type { ConversationView } from './types.js';

function emptyView(): ConversationView {
  return { messages: [], loading: false, hasMore: false, error: null, loaded: false };
}

/** One atom per conversation, created on first use and kept, so an element can bind it at any time. */
export function createMessageViews() {
  const views = new Map<number, WritableAtom<ConversationView>>();

  function view(id: number): WritableAtom<ConversationView> {
    let $view = views.get(id);
    if (!$view) {
      $view = atom(emptyView());
      views.set(id, $view);
    }
    return $view;
  }

  return {
    view,
    has: (id: number) => views.has(id),
    get: (id: number) => view(id).get(),
    update(id: number, change: (current: ConversationView) => Partial<ConversationView>): void {
      const $view = view(id);
      const current = $view.get();
      $view.set({ ...current, ...change(current) });
    },
    ids: () => [...views.keys()],
  };
}

export type MessageViews = ReturnType<typeof createMessageViews>;
