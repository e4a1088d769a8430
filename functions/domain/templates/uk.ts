import type { Translation } from './message-types.ts';

/**
 * Ukrainian (українська): the courtesy translation under the binding German text. Plurals have
 * four forms (one, few, many, other); the apostrophe is written ’.
 */
export const uk: Translation = {
  locale: 'uk-UA',
  direction: 'ltr',
  notice:
    'Українською: цей переклад надано для Вашої зручності. Юридично обов’язковим є лише наведений вище текст німецькою мовою (§ 23 Закону Німеччини про адміністративну процедуру, VwVfG: офіційна мова — німецька).',
  messages: {
    query: {
      subject: 'Документи, яких бракує',
      body: `Добрий день, {applicantName}!

{missing, plural,
  =0 {Щодо Вашої заяви ({requestTypeLabel}, номер справи {caseReference}) працівник, який веде Вашу справу, повідомляє:

{caseworkerText}

Будь ласка, дайте відповідь на цей лист. Зазначайте номер Вашої справи {caseReference} у кожному повідомленні.}
  one {Для розгляду Вашої заяви ({requestTypeLabel}, номер справи {caseReference}) необхідно подати ще # документ:}
  few {Для розгляду Вашої заяви ({requestTypeLabel}, номер справи {caseReference}) необхідно подати ще # документи:}
  many {Для розгляду Вашої заяви ({requestTypeLabel}, номер справи {caseReference}) необхідно подати ще # документів:}
  other {Для розгляду Вашої заяви ({requestTypeLabel}, номер справи {caseReference}) необхідно подати ще # документа:}}

- {missing}

{waiting, plural, =0 {} other {Ці файли ми ще переглядаємо; те, що в них міститься, ми не запитуватимемо повторно:}}

- {waiting}

{missing, plural, =0 {} other {{caseworkerText, select, none {} other {Примітка працівника, який веде Вашу справу: {caseworkerText}}}

Будь ласка, дайте відповідь на цей лист і додайте документи у форматі PDF або як фотографії. Зазначайте номер Вашої справи {caseReference} у кожному повідомленні.}}

З повагою
{officeName}`,
    },
    'query-reminder': {
      subject: 'Нагадування: документи, яких бракує',
      body: `Добрий день, {applicantName}!

{queriedOn, date, long} ми попросили Вас надати документи до Вашої заяви (номер справи {caseReference}), але досі не отримали відповіді. {missing, plural, =0 {} one {Ще бракує # документа:} few {Ще бракує # документів:} many {Ще бракує # документів:} other {Ще бракує # документа:}}

- {missing}

Будь ласка, дайте відповідь на цей лист і додайте документи. Без цих документів ми не можемо продовжити розгляд Вашої заяви.

З повагою
{officeName}`,
    },
    invitation: {
      subject: 'Запрошення на прийом у Service Point',
      body: `Добрий день, {applicantName}!

За Вашою заявою (номер справи {caseReference}) ухвалено рішення. Просимо Вас прийти на короткий прийом:

{replaces, select, none {} other {Цей прийом замінює Ваш попередній прийом, призначений на {replaces, date, appointment}. Доданий запис календаря оновлює попередній запис.}}

- Дата й час: {appointment, date, appointment}
- Місце: {address}

Будь ласка, візьміть із собою:

- Ваш паспорт і чинну посвідку на проживання
- збір у розмірі {fee} ({payment})

Під час прийому у Вас візьмуть підпис і відбитки пальців. Прийом триватиме близько {durationMinutes, plural, one {# хвилини} few {# хвилин} many {# хвилин} other {# хвилини}}. Запис для календаря Ви знайдете у вкладенні.

Якщо Ви не можете прийти, будь ласка, дайте відповідь на цей лист, і ми запропонуємо Вам новий час.

З повагою
{officeName}`,
    },
    'invitation-reminder': {
      subject:
        'Нагадування: Ваш прийом {day, select, today {сьогодні} tomorrow {завтра} other {{appointment, date, medium}}}',
      body: `Добрий день, {applicantName}!

Нагадуємо Вам про прийом {day, select, today {сьогодні} tomorrow {завтра} other {{appointment, date, long}}} (номер справи {caseReference}):

- Дата й час: {appointment, date, appointment}
- Місце: {address}

Будь ласка, візьміть із собою паспорт, чинну посвідку на проживання та збір у розмірі {fee}.

З повагою
{officeName}`,
    },
    'invitation-cancelled': {
      subject: 'Ваш прийом скасовано',
      body: `Добрий день, {applicantName}!

Ваш прийом, призначений на {appointment, date, appointment} (номер справи {caseReference}), скасовано. Будь ласка, не приходьте на цей прийом. За допомогою вкладення Ваш календар видалить цей запис.

Щойно буде призначено новий прийом, ми Вам напишемо. Якщо у Вас є запитання, будь ласка, дайте відповідь на цей лист.

З повагою
{officeName}`,
    },
    'triage-reply': {
      subject: 'Ваше повідомлення до {officeName}',
      body: `Добрий день!

Дякуємо за Ваше повідомлення. Нам не вдалося віднести його до жодної справи.

Будь ласка, надішліть повідомлення ще раз і вкажіть номер Вашої справи (наприклад, у темі листа). Його можна знайти в наших листах до Вас. Будь ласка, пишіть з адреси електронної пошти, яку Ви вказали у своїй заяві.

Це автоматична відповідь.

З повагою
{officeName}`,
    },
  },
  checklist: {
    requestTypes: {
      'eu-blue-card': 'Блакитна карта ЄС',
      'family-reunification': 'Возз’єднання сім’ї',
      'first-residence-permit': 'Перша посвідка на проживання після переїзду до міста',
      'residence-permit-extension': 'Продовження посвідки на проживання',
      'settlement-permit': 'Безстрокова посвідка на проживання (Niederlassungserlaubnis)',
    },
    items: {
      passport: 'Дійсний паспорт (усі сторінки із записами)',
      'residence-card': 'Чинна посвідка на проживання (eAT, лицьовий і зворотний бік)',
      'biometric-photo': 'Біометрична фотографія на паспорт',
      'application-form': 'Заповнена заява',
      'employment-contract': 'Трудовий договір або довідка від роботодавця',
      'degree-certificate': 'Диплом про вищу освіту та його визнання',
      'health-insurance': 'Підтвердження медичного страхування',
      'registration-certificate':
        'Довідка про реєстрацію місця проживання (Meldebescheinigung) або підтвердження орендодавця',
      payslips: 'Розрахункові листки із зарплати за останні три місяці',
      'marriage-certificate': 'Свідоцтво про шлюб',
      'birth-certificate': 'Свідоцтво про народження',
      'spouse-residence-permit': 'Посвідка на проживання або паспорт члена сім’ї, який проживає в Німеччині',
      'living-space': 'Підтвердження наявності достатньої житлової площі',
      'rental-contract': 'Договір оренди',
      'language-certificate': 'Мовний сертифікат (наприклад, B1)',
      'enrolment-certificate': 'Довідка про зарахування до навчального закладу',
      'pension-record': 'Виписка з пенсійного страхування (Deutsche Rentenversicherung)',
      'integration-course-certificate': 'Сертифікат про проходження інтеграційного курсу',
    },
  },
};
