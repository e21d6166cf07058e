// The saved bottles the print-fit tests print: realistic long details for
// each language's pharmacy, the prescriptions, and the label stocks, with
// the cases measured to be refused on a small stock. Shared by
// print-fit.test.mjs and print-fit-countries.test.mjs (two files, so each
// stays within the runner's per-file timeout).
import assert from 'node:assert/strict';
import { eventually } from './eventually.mjs';

export const TODAY = '2026-12-07';

/** Realistic long details, as a pharmacy in each country would type them. */
export const PEOPLE = {
  en: {
    pharmacy: ['Boots Pharmacy, Manchester Piccadilly Station Concourse', 'Unit 5, Piccadilly Station Approach, Manchester M1 2BN', '0161 228 1234'],
    patient: 'Oleksandra Hryhorivna Shevchenko-Kovalenko',
    prescriber: 'Dr. Kristoffer Alexander Bjørnstad-Haugland, GP',
    product: 'Naltrexone Hydrochloride 50 mg film-coated tablets (Accord)',
    country: 'other', profession: 'General practitioner', indication: 'Fibromyalgia pain and fatigue',
    prescription_no: 'RX-2026-0012345', prepared_by: 'Alexandra Whitfield-Ramsbottom', checked_by: 'Christopher Fairbairn-Llewellyn',
  },
  nb: {
    pharmacy: ['Vitusapotek Jernbanetorget, Oslo S', 'Jernbanetorget 1, 0154 Oslo', '+47 23 35 81 00'],
    patient: 'Kari Margrethe Nordmann-Østensjø',
    prescriber: 'Ingrid Haugen-Sørensen',
    product: 'Naltrekson hydroklorid Accord 50 mg tabletter, filmdrasjerte',
    country: 'NO', profession: 'lege (spesialist i allmennmedisin)', indication: 'Smerter ved fibromyalgi og utmattelse',
    prescription_no: '1234567890', use_code: 'fast', prepared_by: 'Marianne Kristoffersen-Aa', checked_by: 'Henrik Østensjø-Bakkevig',
  },
  da: {
    pharmacy: ['Steno Apotek, Københavns Hovedbanegård', 'Bernstorffsgade 16-22, 1577 København V', '+45 33 14 82 66'],
    patient: 'Mette Kirstine Søndergaard-Bjørnholm',
    prescriber: 'Søren Østergaard-Kristiansen',
    product: 'Naltrexonhydrochlorid Accord 50 mg filmovertrukne tabletter',
    country: 'DK', profession: 'læge, almen praksis', indication: 'Mod smerter ved fibromyalgi og træthed',
    prescription_no: '0987654321', prepared_by: 'Mette Rasmussen-Kjærgaard', checked_by: 'Anders Bjørnholm-Søndergaard',
  },
  uk: {
    pharmacy: ['Аптека «Подорожник» № 117, ТРЦ «Гулівер»', 'пл. Спортивна, 1-А, Київ, 01023', '+380 44 390 70 70'],
    patient: 'Олександра Костянтинівна Шевченко-Вербицька',
    prescriber: 'Наталія Миколаївна Коваленко',
    product: 'Налтрексону гідрохлорид 50 мг, таблетки, вкриті оболонкою',
    country: 'UA', profession: 'лікар загальної практики — сімейний лікар', indication: 'Хронічний біль при фіброміалгії',
    prescription_no: '0012-3456-7890', prepared_by: 'Вербицька-Шевченко О. К.', checked_by: 'Коваленко-Верещагіна Н. М.',
  },
};

/** The four prescriptions: a saved bottle's fields for each. */
export const CASES = {
  // 1.5 mg a day on the 3 mL syringe, prepared today.
  plain: { prepared: TODAY, bud: 30, fixed: ['1.5', '1.5', 1], syringe: 3 },
  // 1.5 mg on a 10 mL syringe (1.4 mL: rounding and low fill), 45 days
  // (beyond the guidance), its last day tomorrow (expires soon).
  warnings: { prepared: '2026-10-25', bud: 45, fixed: ['1.5', '1.4', 1], syringe: 10 },
  // 0.75 mg morning and evening on the 1 mL syringe.
  twice: { prepared: TODAY, bud: 30, fixed: ['0.75', '0.75', 2], syringe: 1 },
  // 1.5 mg on the 5 mL syringe (1.4 mL: rounding), the journey review's
  // label that spilled in en and nb; made up with a suspending vehicle,
  // which the label's contents and the record's method steps name.
  rounds: { prepared: TODAY, bud: 30, fixed: ['1.5', '1.4', 1], syringe: 5, vehicle: 'Ora-Plus/Ora-Sweet 1:1' },
  // The standard plan from today: 1.5, 2 and 2.5 mg in the bottle's days.
  plan: { prepared: TODAY, bud: 30, plan: `plan=standard&pstart=${TODAY}&pdays=60`, syringe: 3 },
  // Weekly steps from 1 mg: five steps in the bottle's days (4 mg over the
  // 3 mL syringe), every one on the A4 label (the journey review's label
  // that gave only the first week).
  weekly: { prepared: TODAY, bud: 30, plan: `plan=weekly-1mg&pstart=${TODAY}&pdays=60`, syringe: 3 },
  // Past the bottle's last day (30 Nov): no draw, "do not use", on a
  // fixed dose and on a plan's steps (the journey review's labels that
  // spilled after the last day).
  expired: { prepared: '2026-11-01', bud: 30, fixed: ['1.5', '1.5', 1], syringe: 3 },
  'expired-plan': { prepared: '2026-11-01', bud: 30, plan: 'plan=standard&pstart=2026-11-01&pdays=60', syringe: 3 },
};

/** The saved document with one bottle of `kind` for `lang`'s people. */
export function document(lang, kind, labelSize, country = PEOPLE[lang].country) {
  const c = CASES[kind];
  const p = PEOPLE[lang];
  const link = `tablet=50&tablets=1&volume=50&syringe=${c.syringe}&prepared=${c.prepared}&bud=${c.bud}&lang=${lang}`;
  const batch = {
    id: 1, number: `${c.prepared.replaceAll('-', '')}-1`, name: kind,
    tablet_mg: '50', tablets: 1, final_ml: '50', prepared: c.prepared, bud_days: c.bud,
    ...(c.fixed ? { dose_mg: c.fixed[0], draw_ml: c.fixed[1], per_day: c.fixed[2] } : { plan: c.plan }),
    taken: 0, link,
    product: p.product, lot: 'AB12345-X', tablet_expiry: '2028-06-30', vehicle: c.vehicle ?? '',
    prepared_by: p.prepared_by, checked_by: p.checked_by, patient: p.patient, prescriber: p.prescriber,
    profession: p.profession, prescription_no: p.prescription_no, indication: p.indication,
    ...(p.use_code ? { use_code: p.use_code } : {}),
  };
  return JSON.stringify({
    version: 8, lang,
    pharmacy_name: p.pharmacy[0], pharmacy_address: p.pharmacy[1], pharmacy_phone: p.pharmacy[2],
    ...(country === 'other' ? {} : { pharmacy_country: country }),
    label_size: labelSize, batches: [batch], diary: [],
  });
}

/** Each visible line (paragraph, row, item) of the printed element `selector`. */
export async function lines(page, selector) {
  return page.locator(selector).evaluate((root) =>
    [...root.querySelectorAll('p, tr, li, h3, h4, figcaption')]
      .filter((e) => e.offsetParent !== null && !e.closest('.no-print'))
      .map((e) => e.textContent.replace(/\s+/g, ' ').trim())
      .filter((t) => t.length > 0));
}

/**
 * Whether the opened bottle's label is refused on its stock: the page
 * measures it after each render, and one that spills even in the smallest
 * type says so instead of printing (`label-too-long`, print disabled).
 */
export async function refused(page, open) {
  await eventually(async () => assert.equal(
    await open.locator('[data-testid=label][data-spills]').count(),
    await page.getByTestId('label-too-long').count(),
  ));
  if (await page.getByTestId('label-too-long').count() === 0) return false;
  assert.equal(await open.locator('.actions button').nth(1).isDisabled(), true, 'a refused label cannot be printed');
  return true;
}

/** The cases refused on a stock (language, country, case, stock), as measured; anything else must print whole. */
export const REFUSED = new Set([
  // Ukrainian, with every particular at its longest and the bottle's two
  // date warnings, or past its last day ("do not use"), or a Norwegian
  // plan's steps: over 16 lines at 5.6 pt. All print on A4, and all but
  // one on the 62 x 50 mm tape.
  'uk, NO, plan, 70x37',
  'uk, NO, warnings, 70x37', 'uk, NO, warnings, 89x36',
  'uk, NO, expired-plan, 70x37', 'uk, NO, expired-plan, 89x36',
  'uk, UA, warnings, 70x37', 'uk, UA, warnings, 89x36',
  'uk, UA, expired, 70x37', 'uk, UA, expired, 89x36',
  'uk, UA, expired-plan, 70x37', 'uk, UA, expired-plan, 89x36',
  'uk, other, warnings, 70x37', 'uk, other, warnings, 89x36', 'uk, other, warnings, 62x50',
  'uk, other, expired-plan, 70x37', 'uk, other, expired-plan, 89x36',
]);

export const SIZES = [
  ['70x37', 'label', { preferCSSPageSize: true }, 'label'],
  ['89x36', 'label', { preferCSSPageSize: true }, 'label'],
  ['62x50', 'label', { preferCSSPageSize: true }, 'label'],
  // Each at its own @page size: the browser's default paper is not asked.
  ['a4', 'label', { preferCSSPageSize: true }, 'label'],
  ['a4', 'record', { preferCSSPageSize: true }, 'record'],
];

/** The pharmacy's countries: Norway, Denmark, Ukraine, the UK, another country. */
export const COUNTRIES = ['NO', 'DK', 'UA', 'GB', 'other'];
