/**
 * Machine-readable zones of made-up people, with correct check digits (ICAO 9303, weights 7-3-1),
 * for specimens of passports (TD3) and residence cards (TD1).
 */
const VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function checkDigit(field: string): string {
  let sum = 0;
  [...field].forEach((char, index) => {
    const value = char === '<' ? 0 : VALUES.indexOf(char);
    sum += value * [7, 3, 1][index % 3]!;
  });
  return String(sum % 10);
}

export interface MrzPerson {
  readonly surname: string;
  readonly givenNames: string;
  /** YYMMDD */
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  /** YYMMDD */
  readonly expiryDate: string;
  readonly documentNumber: string;
  /** Three-letter code: D, TUR, UKR, … */
  readonly nationality: string;
}

const name = (p: MrzPerson): string =>
  `${p.surname.toUpperCase().replace(/ /g, '<')}<<${p.givenNames.toUpperCase().replace(/ /g, '<')}`;
const field = (value: string, length: number): string => value.padEnd(length, '<').slice(0, length);

/** The two 44-character lines of a passport. */
export function passportMrz(p: MrzPerson, issuingState = p.nationality): [string, string] {
  const line1 = field(`P<${field(issuingState, 3)}${name(p)}`, 44);
  const number = field(p.documentNumber, 9);
  const personal = field('', 14);
  const composite =
    number +
    checkDigit(number) +
    p.birthDate +
    checkDigit(p.birthDate) +
    p.expiryDate +
    checkDigit(p.expiryDate) +
    personal +
    checkDigit(personal);
  const line2 =
    number +
    checkDigit(number) +
    field(p.nationality, 3) +
    p.birthDate +
    checkDigit(p.birthDate) +
    p.sex +
    p.expiryDate +
    checkDigit(p.expiryDate) +
    personal +
    checkDigit(personal) +
    checkDigit(composite);
  return [line1, line2];
}

/** The three 30-character lines of a German residence permit card (document code AR). */
export function residenceCardMrz(p: MrzPerson): [string, string, string] {
  const number = field(p.documentNumber, 9);
  const line1 = field(`AR` + 'D<<' + number + checkDigit(number), 30);
  const line2head =
    p.birthDate +
    checkDigit(p.birthDate) +
    p.sex +
    p.expiryDate +
    checkDigit(p.expiryDate) +
    field(p.nationality, 3);
  const line2body = field(line2head, 29);
  const composite =
    line1.slice(5, 30) + line2body.slice(0, 7) + line2body.slice(8, 15) + line2body.slice(18, 29);
  const line2 = line2body + checkDigit(composite);
  return [line1, line2, field(name(p), 30)];
}
