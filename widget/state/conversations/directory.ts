import { atom, type WritableAtom } from 'nanostores';
import type { StaffMember } from '../../../contract/index.js';
import type { ApiClient } from '../../api/client.js';
import { describeError } from '../shared/errors.js';
import { errorMsg } from '../../messages/errors.js';

export interface DirectoryState {
  results: StaffMember[];
  loading: boolean;
  error: string | null;
}

/** The staff directory search; only the latest search's answer is shown, however answers interleave. */
export function createDirectory(
  api: Pick<ApiClient, 'staffList'>,
  log: (...args: unknown[]) => void,
  // The session owns the atom, so elements can bind it before this module loads.
  $directory: WritableAtom<DirectoryState> = atom<DirectoryState>({ results: [], loading: false, error: null }),
) {
  let latest = 0;

  async function search(text: string): Promise<void> {
    const ticket = ++latest;
    $directory.set({ ...$directory.get(), loading: true, error: null });
    try {
      const { results } = await api.staffList(text.trim() || undefined);
      if (ticket === latest) $directory.set({ results, loading: false, error: null });
    } catch (error) {
      log('directory search failed', error);
      if (ticket === latest) {
        $directory.set({ ...$directory.get(), loading: false, error: describeError(error, errorMsg.errorLoadFailed).message });
      }
    }
  }

  return { $directory, search };
}
