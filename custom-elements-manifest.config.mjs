/**
 * `npm run analyze` writes custom-elements.json, the published contract of `<staff-chat>`: its
 * attributes, properties, events, CSS custom properties and parts, read from widget/staff-chat.ts's
 * JSDoc. Only that element is public; the elements inside its shadow root are not, and their events,
 * described "(internal)", never enter the manifest even if a glob below is widened.
 */
const isInternal = (item) => /^\(internal\)/.test(item.description ?? '') || item.privacy === 'private' || item.privacy === 'protected';

/** The drop-in script that defines the element: what a manifest reader should load. */
const ENTRY = 'dist/staff-chat.js';

/**
 * Keeps the published contract only: events documented with `@fires` (the analyzer also guesses
 * nameless ones from `dispatchEvent` calls), public instance members; and points the module at the built
 * script, which exports the class and defines the tag (widget/define.ts).
 */
function publicOnly() {
  return {
    name: 'staff-chat-public-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events)
            declaration.events = declaration.events.filter((event) => event.name && event.description && !isInternal(event));
          if (declaration.members) declaration.members = declaration.members.filter((member) => !isInternal(member) && !member.static);
        }
        module.path = ENTRY;
        module.exports = (module.declarations ?? [])
          .filter((declaration) => declaration.customElement && declaration.tagName)
          .flatMap((declaration) => [
            { kind: 'js', name: declaration.name, declaration: { name: declaration.name, module: ENTRY } },
            { kind: 'custom-element-definition', name: declaration.tagName, declaration: { name: declaration.name, module: ENTRY } },
          ]);
      }
    },
  };
}

export default {
  globs: ['widget/staff-chat.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicOnly()],
};
