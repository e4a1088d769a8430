import { passportMrz, residenceCardMrz, type MrzPerson } from './mrz-specimen.ts';

/**
 * The wording of realistic documents of made-up people, as their pages read: the unit tests
 * recognise these texts, and the corpus generator (test/fixtures/documents/generate.ts) prints
 * them into PDFs and images. Each is a list of pages, each page a list of lines.
 */
export type DocumentPages = readonly (readonly string[])[];

export const AYSE: MrzPerson = {
  surname: 'Yilmaz',
  givenNames: 'Ayse',
  birthDate: '900314',
  sex: 'F',
  expiryDate: '310520',
  documentNumber: 'U18273645',
  nationality: 'TUR',
};

const MONTHS_DE = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/** A German payslip for one month (1–12) of 2026. */
export function payslipDe(month: number, name = 'Ayşe Yılmaz'): DocumentPages {
  const m = MONTHS_DE[month - 1]!;
  return [
    [
      'Müller Logistik GmbH · Hafenstraße 12 · 28217 Bremen',
      'Lohn- und Gehaltsabrechnung',
      `Abrechnungsmonat: ${m} 2026`,
      `${name}`,
      'Personalnummer 004711   Steuerklasse I   Konfession --',
      'Eintritt 01.02.2024   Krankenkasse AOK Bremen/Bremerhaven',
      'Bezeichnung                         Betrag',
      'Gehalt                           3.250,00 EUR',
      'Gesamt-Brutto                    3.250,00 EUR',
      'Lohnsteuer                         412,33 EUR',
      'Solidaritätszuschlag                 0,00 EUR',
      'Krankenversicherung                263,25 EUR',
      'Rentenversicherung                 302,25 EUR',
      'Arbeitslosenversicherung            42,25 EUR',
      'Pflegeversicherung                  55,25 EUR',
      'Netto-Verdienst                  2.174,67 EUR',
      'Auszahlungsbetrag                2.174,67 EUR',
      `Überweisung an DE89 3704 0044 0532 0130 00 am 28.${String(month).padStart(2, '0')}.2026`,
    ],
  ];
}

/** A payslip in the "Verdienstabrechnung" wording (DATEV style). */
export function verdienstabrechnung(month: number): DocumentPages {
  const m = String(month).padStart(2, '0');
  return [
    [
      'Verdienstabrechnung',
      `Abrechnungszeitraum ${m}/2026`,
      'Firma Brotzeit Bäckerei KG, Am Markt 3, 90402 Nürnberg',
      'Herr Oleksandr Kovalenko',
      'St.Kl. 1  Kinderfreibetrag 0,0  SV-Nummer 12 150790 K 003',
      'Lohnart  Bezeichnung           Brutto',
      '1000     Stundenlohn 160 Std.  2.240,00',
      'Steuer-Brutto 2.240,00   Lohnsteuer 203,50',
      'KV-Beitrag 182,56  RV-Beitrag 208,32  AV-Beitrag 29,12  PV-Beitrag 38,08',
      'Netto 1.578,42   Auszahlung 1.578,42',
    ],
  ];
}

/** A Turkish payslip (bordro). */
export function bordro(month: number): DocumentPages {
  const names = [
    'Ocak',
    'Şubat',
    'Mart',
    'Nisan',
    'Mayıs',
    'Haziran',
    'Temmuz',
    'Ağustos',
    'Eylül',
    'Ekim',
    'Kasım',
    'Aralık',
  ];
  return [
    [
      'ÜCRET BORDROSU',
      `Dönem: ${names[month - 1]} 2026`,
      'İşveren: Anadolu Tekstil A.Ş., İstanbul',
      'Personel: Mehmet Demir   SGK No: 1234567',
      'Brüt ücret 42.000,00 TL',
      'SGK işçi payı 5.880,00 TL   Gelir vergisi 4.200,00 TL',
      'Net ücret 31.920,00 TL',
    ],
  ];
}

export function rentalContract(): DocumentPages {
  return [
    [
      'Mietvertrag für Wohnraum',
      'zwischen Herrn Klaus Berger, Lindenallee 4, 28199 Bremen (Vermieter)',
      'und Frau Ayşe Yılmaz (Mieter)',
      '§ 1 Mietsache',
      'Vermietet wird die Wohnung im 2. OG links, Lindenallee 4, 28199 Bremen,',
      'bestehend aus 2 Zimmern, Küche, Bad, Wohnfläche ca. 54 m².',
      '§ 2 Mietzeit',
      'Das Mietverhältnis beginnt am 01.03.2025 und läuft auf unbestimmte Zeit.',
      'Seite 1 von 2',
    ],
    [
      '§ 3 Miete und Nebenkosten',
      'Die Kaltmiete beträgt monatlich 620,00 EUR.',
      'Vorauszahlung auf die Betriebskosten 140,00 EUR, Heizkosten 75,00 EUR.',
      '§ 4 Kaution',
      'Der Mieter leistet eine Kaution in Höhe von drei Kaltmieten.',
      'Bremen, den 10.02.2025',
      'Unterschrift Vermieter                Unterschrift Mieter',
      'Seite 2 von 2',
    ],
  ];
}

export function wohnungsgeberbestaetigung(): DocumentPages {
  return [
    [
      'Wohnungsgeberbestätigung',
      'nach § 19 des Bundesmeldegesetzes (BMG)',
      'Angaben zum Wohnungsgeber: Klaus Berger, Lindenallee 4, 28199 Bremen',
      'Der Wohnungsgeber ist zugleich Eigentümer der Wohnung.',
      'Art des meldepflichtigen Vorgangs: Einzug',
      'Anschrift der Wohnung: Lindenallee 4, 2. OG links, 28199 Bremen',
      'Datum des Einzugs: 01.03.2025',
      'Folgende Person ist in die angegebene Wohnung eingezogen: Ayşe Yılmaz',
      'Ich bestätige mit meiner Unterschrift die Richtigkeit dieser Angaben.',
      'Hinweis: Es ist verboten, eine Wohnanschrift anzubieten, ohne dass ein tatsächlicher Bezug erfolgt (§ 19 Abs. 6 BMG).',
    ],
  ];
}

export function meldebescheinigung(): DocumentPages {
  return [
    [
      'Freie Hansestadt Bremen · Bürgeramt Mitte',
      'Einfache Meldebescheinigung',
      'nach § 18 Bundesmeldegesetz',
      'Familienname: Yılmaz   Vornamen: Ayşe',
      'Geburtsdatum: 14.03.1990',
      'Anschrift: Lindenallee 4, 28199 Bremen',
      'Status der Wohnung: Hauptwohnung   Einzugsdatum: 01.03.2025',
      'Diese Bescheinigung wurde maschinell erstellt und ist ohne Unterschrift gültig.',
    ],
  ];
}

export function healthInsurance(): DocumentPages {
  return [
    [
      'AOK Bremen/Bremerhaven · Die Gesundheitskasse',
      'Mitgliedsbescheinigung',
      'zur Vorlage bei der Ausländerbehörde',
      'Frau Ayşe Yılmaz, geboren am 14.03.1990',
      'Krankenversichertennummer: Y123456789',
      'ist seit dem 01.02.2024 bei uns gesetzlich versichert',
      'als versicherungspflichtige Arbeitnehmerin (Kranken- und Pflegeversicherung).',
      'Die Mitgliedschaft besteht zurzeit ungekündigt fort.',
    ],
  ];
}

export function healthInsuranceEn(): DocumentPages {
  return [
    [
      'Techniker Krankenkasse',
      'Certificate of insurance',
      'We confirm that Mr John Smith, born 02.07.1988,',
      'insurance number X987654321, is a member of our statutory health insurance',
      'and long-term care insurance since 15.01.2025 (Krankenversicherung und Pflegeversicherung).',
      'Insured person: John Smith',
    ],
  ];
}

export function employmentContract(): DocumentPages {
  return [
    [
      'Arbeitsvertrag',
      'zwischen der Müller Logistik GmbH, Hafenstraße 12, 28217 Bremen (Arbeitgeber)',
      'und Frau Ayşe Yılmaz (Arbeitnehmerin)',
      '§ 1 Beginn und Tätigkeit: Das Arbeitsverhältnis beginnt am 01.02.2024. Die Arbeitnehmerin wird als Disponentin eingestellt.',
      '§ 2 Probezeit: Die ersten sechs Monate gelten als Probezeit.',
      '§ 3 Arbeitszeit: Die regelmäßige Arbeitszeit beträgt 40 Stunden wöchentlich.',
      '§ 4 Vergütung: Das monatliche Bruttogehalt beträgt 3.250,00 EUR.',
      '§ 5 Urlaubsanspruch: 28 Arbeitstage im Kalenderjahr.',
      '§ 6 Kündigungsfrist: nach den gesetzlichen Bestimmungen.',
    ],
  ];
}

export function employmentContractEn(): DocumentPages {
  return [
    [
      'Employment Contract',
      'between Northwind Software GmbH (the Employer) and Mr John Smith (the Employee)',
      '1. Position: Senior Developer, starting 15 January 2025.',
      '2. Probation: six months.',
      '3. Working hours: 40 hours per week.',
      '4. Salary: EUR 72,000 gross per year, paid monthly.',
    ],
  ];
}

/** A passport's data page as OCR reads it: the printed fields and the MRZ. */
export function passportPage(person: MrzPerson = AYSE): DocumentPages {
  const [l1, l2] = passportMrz(person);
  return [
    [
      'TÜRKİYE CUMHURİYETİ REPUBLIC OF TÜRKİYE',
      'PASAPORT / PASSPORT',
      `Soyadı / Surname: ${person.surname.toUpperCase()}`,
      `Adı / Given names: ${person.givenNames.toUpperCase()}`,
      'Uyruğu / Nationality: T.C./TUR',
      l1,
      l2,
    ],
  ];
}

export function residenceCardBack(person: MrzPerson = AYSE): DocumentPages {
  const lines = residenceCardMrz({ ...person, documentNumber: 'Y2X4K7L9M' });
  return [['Anmerkungen', 'Erwerbstätigkeit erlaubt.', ...lines]];
}

/** Distractor: an invoice. */
export function invoice(): DocumentPages {
  return [
    [
      'Elektro Schneider · Rechnung Nr. 2026-1187',
      'Rechnungsdatum: 12.11.2026',
      'Pos. 1  Austausch Steckdose Küche    1 Stk.   45,00 EUR',
      'Pos. 2  Arbeitszeit                  1,5 Std. 82,50 EUR',
      'Nettobetrag 127,50 EUR   USt. 19 % 24,23 EUR   Gesamtbetrag 151,73 EUR',
      'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
    ],
  ];
}

/** Distractor: a supermarket receipt in English. */
export function receipt(): DocumentPages {
  return [
    [
      'CITY GROCERY',
      'Milk 1.19  Bread 2.49  Apples 3.20',
      'TOTAL 6.88 EUR  Card payment',
      'Thank you for shopping with us',
    ],
  ];
}

/** Plain text of pages, as a text layer reads it. */
export function textOf(pages: DocumentPages): string[] {
  return pages.map((lines) => lines.join('\n'));
}
