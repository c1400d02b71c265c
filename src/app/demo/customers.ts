// Demo customers for the two demo businesses, written through the customers module's own service
// functions: a Moscow salon's clients with patronymics and several namesakes (the search has to tell
// the Ivanovas apart), and a Tallinn clothing shop's Estonian, English and Arabic-speaking customers —
// with families, consent, interactions and a complaint each.
import type { ServiceContext } from '../../platform/context.js';
import type { Actor } from '../../modules/tenancy/index.js';
import {
  addInteraction, addRelation, changeConsent, createCustomer, createField, createQuestionnaire, listReasons, setFieldValues,
  type CustomerInput,
} from '../../modules/customers/index.js';

type Person = CustomerInput & { key: string };

const SALON: Person[] = [
  { key: 'ivanova-anna-s', familyName: 'Иванова', givenNames: 'Анна', patronymic: 'Сергеевна', gender: 'female', birthDate: '1985-04-12', phones: ['+7 916 123-45-67'], emails: ['anna.ivanova@example.ru'], tags: ['vip'], source: 'Instagram', preferences: 'Окрашивание только у Ольги; зелёный чай без сахара', hobbies: ['йога'] },
  { key: 'ivanova-anna-p', familyName: 'Иванова', givenNames: 'Анна', patronymic: 'Петровна', gender: 'female', birthDate: '1990-01-30', phones: ['+7 926 765-43-21'], source: 'Рекомендация' },
  { key: 'ivanova-maria', familyName: 'Иванова', givenNames: 'Мария', patronymic: 'Ивановна', gender: 'female', birthDate: '1978-07-01', phones: ['+7 903 111-22-33'], tags: ['маникюр'] },
  { key: 'ivanova-elena', familyName: 'Иванова', givenNames: 'Елена', patronymic: 'Викторовна', gender: 'female', birthDate: '1995-11-23', phones: ['+7 915 222-33-44'], familyNameLatin: 'IVANOVA', givenNamesLatin: 'ELENA' },
  { key: 'ivanov-petr', familyName: 'Иванов', givenNames: 'Пётр', patronymic: 'Алексеевич', gender: 'male', birthDate: '1983-02-14', phones: ['+7 916 555-66-77'] },
  { key: 'smirnova', familyName: 'Смирнова', givenNames: 'Ольга', patronymic: 'Дмитриевна', gender: 'female', birthDate: '1988-09-09', phones: ['+7 925 100-20-30'], emails: ['olga.smirnova@example.ru'], tags: ['vip'] },
  { key: 'kuznetsova', familyName: 'Кузнецова', givenNames: 'Татьяна', patronymic: 'Игоревна', gender: 'female', birthDate: '1972-03-08', phones: ['+7 977 200-30-40'], notes: 'Аллергия на аммиак — только безаммиачные краски' },
  { key: 'popova', familyName: 'Попова', givenNames: 'Екатерина', patronymic: 'Андреевна', gender: 'female', birthDate: '2001-06-17', phones: ['+7 999 300-40-50'], source: 'Сайт' },
  { key: 'vasilieva', familyName: 'Васильева', givenNames: 'Наталья', patronymic: 'Олеговна', gender: 'female', birthDate: '1980-12-31', phones: ['+7 985 400-50-60'] },
  { key: 'petrova', familyName: 'Петрова', givenNames: 'Юлия', patronymic: 'Максимовна', gender: 'female', birthDate: '1993-05-05', phones: ['+7 912 500-60-70'], emails: ['yulia.petrova@example.ru'] },
  { key: 'sokolov', familyName: 'Соколов', givenNames: 'Андрей', patronymic: 'Николаевич', gender: 'male', birthDate: '1979-08-20', phones: ['+7 903 600-70-80'], tags: ['барбер'] },
  { key: 'sokolova', familyName: 'Соколова', givenNames: 'Ирина', patronymic: 'Павловна', gender: 'female', birthDate: '1981-10-10', phones: ['+7 903 600-70-81'], tags: ['vip'] },
  { key: 'morozova', familyName: 'Морозова', givenNames: 'Светлана', patronymic: 'Юрьевна', gender: 'female', birthDate: '1967-01-19', phones: ['+7 916 700-80-90'] },
  { key: 'volkova', familyName: 'Волкова', givenNames: 'Дарья', patronymic: 'Сергеевна', gender: 'female', birthDate: '1998-04-04', phones: ['+7 926 800-90-10'], hobbies: ['танцы'] },
  { key: 'lebedeva', familyName: 'Лебедева', givenNames: 'Ксения', patronymic: 'Романовна', gender: 'female', birthDate: '1987-02-28', phones: ['+7 905 900-10-20'] },
  { key: 'shevchenko', familyName: 'Шевченко', givenNames: 'Олена', gender: 'female', birthDate: '1990-08-24', phones: ['+380 67 123 4567'], preferredLanguage: 'uk' },
  { key: 'kim', familyName: 'Ким', givenNames: 'Виктория', patronymic: 'Эдуардовна', gender: 'female', birthDate: '1992-12-12', phones: ['+7 915 010-20-30'] },
  { key: 'aliev', familyName: 'Алиев', givenNames: 'Рашид', patronymic: 'Мамед оглы', gender: 'male', birthDate: '1975-07-07', phones: ['+7 916 020-30-40'] },
];

const NORD: Person[] = [
  { key: 'tamm', familyName: 'Tamm', givenNames: 'Kristiina', gender: 'female', birthDate: '1986-03-21', phones: ['+372 5123 4567'], emails: ['kristiina.tamm@example.ee'], tags: ['vip'], preferredLanguage: 'et', preferences: 'Size S, prefers natural fabrics' },
  { key: 'tamm-jaan', familyName: 'Tamm', givenNames: 'Jaan', gender: 'male', birthDate: '1984-11-02', phones: ['+372 5123 4568'], preferredLanguage: 'et' },
  { key: 'saar', familyName: 'Saar', givenNames: 'Mari', gender: 'female', birthDate: '1991-06-15', emails: ['mari.saar@example.ee'], preferredLanguage: 'et' },
  { key: 'kask', familyName: 'Kask', givenNames: 'Toomas', gender: 'male', birthDate: '1977-09-30', phones: ['+372 5234 5678'], tags: ['corporate'] },
  { key: 'magi', familyName: 'Mägi', givenNames: 'Liis', gender: 'female', birthDate: '1999-01-08', phones: ['+372 5345 6789'], source: 'Instagram' },
  { key: 'ilves', familyName: 'Ilves', givenNames: 'Kadri', gender: 'female', birthDate: '1982-05-19', emails: ['kadri.ilves@example.ee'] },
  { key: 'smith', familyName: 'Smith', givenNames: 'Emma', gender: 'female', birthDate: '1990-02-11', phones: ['+44 7400 123456'], emails: ['emma.smith@example.co.uk'], preferredLanguage: 'en', source: 'Tourist' },
  { key: 'obrien', familyName: "O'Brien", givenNames: 'Sean', gender: 'male', birthDate: '1988-03-17', emails: ['sean.obrien@example.ie'], preferredLanguage: 'en' },
  { key: 'haddad', familyName: 'حداد', givenNames: 'ليلى', familyNameLatin: 'Haddad', givenNamesLatin: 'Layla', gender: 'female', birthDate: '1994-10-03', phones: ['+971 50 123 4567'], preferredLanguage: 'ar', tags: ['vip'] },
  { key: 'mansour', familyName: 'منصور', givenNames: 'عمر', familyNameLatin: 'Mansour', givenNamesLatin: 'Omar', gender: 'male', birthDate: '1985-12-01', phones: ['+971 55 765 4321'], preferredLanguage: 'ar' },
  { key: 'ivanova-tallinn', familyName: 'Иванова', givenNames: 'Анна', familyNameLatin: 'IVANOVA', givenNamesLatin: 'ANNA', gender: 'female', birthDate: '1985-04-12', phones: ['+372 5567 8901'], preferredLanguage: 'ru' },
  { key: 'nord-corp', kind: 'company', companyName: 'Baltic Logistics OÜ', emails: ['office@balticlogistics.example'], tags: ['corporate'], notes: 'Uniforms for 40 drivers, invoiced quarterly' },
];

export interface DemoStaff { owner: string; manager: string; cashier: string }

export async function loadDemoCustomers(ctx: ServiceContext, actor: Actor, locale: 'ru' | 'en', staff: DemoStaff): Promise<void> {
  const people = locale === 'ru' ? SALON : NORD;
  const id: Record<string, string> = {};
  for (const [i, { key, ...person }] of people.entries()) {
    id[key] = (await createCustomer(ctx, actor, { ...person, managerId: i % 3 === 0 ? staff.manager : null })).id;
    if (i % 2 === 0) await changeConsent(ctx, actor, id[key], { channels: i % 4 === 0 ? ['sms', 'email'] : ['sms'], granted: true, source: i % 4 === 0 ? 'paper form' : 'till' });
  }
  const reasons = await listReasons(ctx, actor);
  const reason = (key: string) => reasons.find((r) => r.key === key)!.id;
  const manager: Actor = { ...actor, role: 'manager', staffId: staff.manager };
  if (locale === 'ru') {
    await addRelation(ctx, actor, id['sokolova']!, { kind: 'spouse', relatedCustomerId: id['sokolov'] });
    await addRelation(ctx, actor, id['sokolova']!, { kind: 'child', name: 'Маша', birthDate: '2014-09-01' });
    await addRelation(ctx, actor, id['ivanova-anna-s']!, { kind: 'child', name: 'Тимофей', birthDate: '2016-03-03' });
    await addInteraction(ctx, manager, id['ivanova-anna-s']!, { kind: 'call', channel: 'phone', direction: 'outbound', text: 'Напомнили о записи на окрашивание в субботу' });
    await addInteraction(ctx, manager, id['kuznetsova']!, { kind: 'meeting', channel: 'in_person', text: 'Консультация по уходу за волосами, подобрали безаммиачную краску' });
    await addInteraction(ctx, manager, id['smirnova']!, { kind: 'complaint', channel: 'in_person', text: 'Мастер опоздал на 30 минут, клиентка ждала', complaint: { reasonId: reason('staff') } });
    await changeConsent(ctx, actor, id['popova']!, { channels: ['sms'], granted: false, source: 'phone call', note: 'Просила не присылать рассылку' });
    const hair = await createField(ctx, actor, { label: 'Тип волос', type: 'choice', options: ['Сухие', 'Нормальные', 'Жирные', 'Окрашенные'] });
    const master = await createField(ctx, actor, { label: 'Любимый мастер', type: 'text' });
    const form = await createQuestionnaire(ctx, actor, { name: 'Анкета при выдаче карты', fields: [{ fieldId: hair.id, required: true }, { fieldId: master.id }] });
    await setFieldValues(ctx, actor, id['ivanova-anna-s']!, { questionnaireId: form.id, values: { [hair.id]: 'Окрашенные', [master.id]: 'Ольга' } });
  } else {
    await addRelation(ctx, actor, id['tamm']!, { kind: 'spouse', relatedCustomerId: id['tamm-jaan'] });
    await addRelation(ctx, actor, id['tamm']!, { kind: 'child', name: 'Mia', birthDate: '2017-07-14' });
    await addRelation(ctx, actor, id['nord-corp']!, { kind: 'contact_person', relatedCustomerId: id['kask'], role: 'Fleet manager' });
    await addInteraction(ctx, manager, id['nord-corp']!, { kind: 'contract', channel: 'email', text: 'Annual uniform contract signed', attachmentRef: 'contracts/baltic-logistics-2026.pdf' });
    await addInteraction(ctx, manager, id['haddad']!, { kind: 'message', channel: 'messenger', direction: 'inbound', text: 'Asked whether the wool coat comes in size 36' });
    await addInteraction(ctx, manager, id['smith']!, { kind: 'return', channel: 'in_person', text: 'Returned a scarf, wrong colour' });
    await addInteraction(ctx, manager, id['saar']!, { kind: 'complaint', channel: 'email', text: 'Zip of the jacket broke after two weeks', complaint: { reasonId: reason('product') } });
  }
}
