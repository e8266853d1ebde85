/** The forms a plural may take (CLDR categories); `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A plural chooser for one language, through `Intl.PluralRules`: Polish needs `one`, `few` and `many`,
 * Arabic all six, English `one` and `other`. Each table builds its own, so its rules never depend on
 * which locale is current.
 *
 * @example
 * const plural = pluralFor('pl');
 * plural(5, { one: '1 wiadomość', few: '5 wiadomości', many: '5 wiadomości', other: '5 wiadomości' });
 */
export function pluralFor(locale: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(locale);
  return (count, forms) => forms[rules.select(count)] ?? forms.other;
}
