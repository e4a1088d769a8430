/**
 * What the parser could not read as sent, told to the caseworker in plain words (German, the
 * office's language). The codes are ParsedEmail's `problems`; only those that change what the
 * caseworker sees are told. Cut names and subjects are not: the caseworker sees them cut.
 */
const DESCRIPTIONS: readonly { readonly code: string; readonly text: (detail: string) => string }[] = [
  {
    code: 'too-many-files',
    text: (count) =>
      `${count || 'Weitere'} Datei(en) wurden nicht einzeln abgelegt (zu viele Dateien in einer E-Mail); sie sind nur in der Original-E-Mail.`,
  },
  {
    code: 'too-many-parts',
    text: () =>
      'Die E-Mail hat mehr Teile, als gelesen werden; was danach kam, ist nur in der Original-E-Mail.',
  },
  {
    code: 'part-header-too-large',
    text: () => 'Ein Teil der E-Mail ist unlesbar groß; was danach kam, ist nur in der Original-E-Mail.',
  },
  {
    code: 'attachment-truncated',
    text: () => 'Eine Datei bricht vorzeitig ab (beschädigte E-Mail); sie ist so abgelegt, wie sie ankam.',
  },
  {
    code: 'mime-error',
    text: () => 'Die E-Mail ist beschädigt; abgelegt ist, was lesbar war.',
  },
  {
    code: 'missing-closing-boundary',
    text: () => 'Die E-Mail endet unvollständig; es kann etwas fehlen, das der Absender schicken wollte.',
  },
  {
    code: 'bad-base64',
    text: () => 'Eine Datei ist fehlerhaft kodiert; sie kann beschädigt sein.',
  },
  {
    code: 'unknown-charset',
    text: () => 'Ein Text ist in einer unbekannten Zeichenkodierung; Zeichen können falsch dargestellt sein.',
  },
  {
    code: 'text-truncated',
    text: () => 'Der Text der Nachricht ist sehr lang und wurde gekürzt.',
  },
];

const FORWARDED = 'forwarded: ';

/** Each told once, in the order above; those from inside a forwarded email say so. */
export function describeReadProblems(problems: readonly string[]): string[] {
  const told: string[] = [];
  for (const { code, text } of DESCRIPTIONS) {
    for (const forwarded of [false, true]) {
      const match = problems.find((problem) => {
        const own = forwarded ? problem.startsWith(FORWARDED) : !problem.startsWith(FORWARDED);
        const bare = problem.replace(/^(forwarded: )+/, '');
        return own && (bare === code || bare.startsWith(`${code}:`));
      });
      if (match === undefined) continue;
      const detail = match
        .replace(/^(forwarded: )+/, '')
        .slice(code.length + 1)
        .trim();
      told.push(forwarded ? `In einer weitergeleiteten E-Mail: ${text(detail)}` : text(detail));
    }
  }
  return told;
}

/**
 * Why a file was held, in the caseworker's words (German). Codes are AttachmentReport's
 * `reason`; an unknown code is shown as it is rather than hidden.
 */
const HOLD_REASONS: Readonly<Record<string, string>> = {
  malware: 'Schadsoftware gefunden (Virenscan). Nicht öffnen; die IT-Sicherheit informieren.',
  'scan-unsupported':
    'Konnte nicht auf Schadsoftware geprüft werden (verschlüsselt, zu groß oder zu tief verschachtelt).',
  'scan-failed': 'Die Prüfung auf Schadsoftware ist fehlgeschlagen.',
  'scan-timeout': 'Die Prüfung auf Schadsoftware kam nicht rechtzeitig zu einem Ergebnis.',
  'active-content':
    'Enthält aktive Inhalte, die beim Öffnen ausgeführt werden können (Skripte, Makros, Webseiten-Code).',
  'unsafe-name':
    'Der Dateiname enthält Steuerzeichen oder täuscht eine andere Dateiendung vor, als die Datei hat.',
  empty: 'Die Datei ist leer.',
  'too-large': 'Die Datei ist zu groß.',
  'type-not-allowed': 'Dateityp nicht zugelassen (nur PDF, Bilder, Word/OpenDocument-Text und Textdateien).',
  'type-mismatch': 'Inhalt passt nicht zu Dateiname oder angegebenem Typ.',
  executable: 'Ausführbares Programm oder Skript.',
  'macro-enabled': 'Office-Datei mit Makros.',
  encrypted: 'Passwortgeschützt oder verschlüsselt; kann nicht geprüft werden.',
  archive: 'Archiv (z. B. ZIP); der Inhalt ist nicht einzeln geprüft.',
  'too-deeply-nested': 'Zu tief in weitergeleiteten E-Mails verschachtelt.',
  unreadable: 'Nicht lesbar.',
  'winmail-dat': 'Outlook-Container (winmail.dat); bitte die Dateien erneut anfordern.',
  signature: 'Elektronische Signatur, kein Dokument.',
  calendar: 'Kalenderdaten, kein Dokument.',
  'forwarded-email': 'Weitergeleitete E-Mail (ihre Anhänge sind einzeln aufgeführt).',
};

export function describeHoldReason(reason: string | null): string {
  if (reason === null) return 'unbekannt';
  return HOLD_REASONS[reason] ?? reason;
}

/** Marks a file no malware scan looked at (only where no scanner runs: local use without ClamAV). */
export const NOT_SCANNED_NOTE = 'nicht auf Schadsoftware geprüft';
