"""Word lists for the synthetic corpus: Russian forms as they stand in a text (cases,
tenses, numbers mixed), and English words of the same register. Made by hand; order
is rank, so the first words are the most frequent (Zipf weights in ``synth``)."""

from __future__ import annotations

_RU = """
и в не на что с по как к о для это из от но все так же мы вы он они его их она
также уже только еще было будет может могут нужно необходимо следует просим прошу
товарищ товарищи товарищей товарищам товарищами вопрос вопроса вопросу вопросы вопросов
армия армии армию армией войска войск войскам дивизии дивизий дивизию корпус корпуса
правительство правительства правительству правительством партия партии партию партией
ЦК ЦК Политбюро совещание совещания совещании переговоры переговоров переговорах
договор договора договору договором соглашение соглашения соглашению мирного мирный
помощь помощи помощью поддержка поддержки оружие оружия снабжение снабжения
решение решения решению решили решил решено согласны согласен согласие согласия
положение положения обстановка обстановки обстановку фронт фронта фронте фронту
наступление наступления оборона обороны резервы резервов кадры кадров кадрами
промышленность промышленности хлеб хлеба урожай урожая заготовки заготовок план плана
пятилетка пятилетки колхозы колхозов колхозах крестьяне крестьян рабочие рабочих
съезд съезда съезде пленум пленума конференция конференции делегация делегации
посол посла послу послом представитель представителя представители представителей
телеграмма телеграммы телеграмму письмо письма письме ответ ответа ответе записка
сообщение сообщения сообщаем сообщите информацию информации сведения сведений
граница границы границе территория территории район района районе области область
флот флота авиация авиации самолеты самолетов танки танков артиллерии снаряды
противник противника противнику враг врага врагов империалисты империалистов
американцы американцев американские японские китайские корейские советские германские
интересы интересов безопасность безопасности независимость независимости мира мир
война войны войне войну победа победы победу поражение поражения силы сил силами
организация организации работа работы работе работу задача задачи задачу задачей
экономика экономики хозяйство хозяйства торговля торговли кредит кредита валюты
совершенно секретно срочно немедленно лично подробно твердо возможно нельзя
считаем считаю полагаю предлагаю предлагаем рекомендуем одобряем утвердить утверждаем
направить направляем отправить отправлены прибыть прибыли вернуться выехать выехал
обсудить обсуждение обсуждения рассмотреть рассмотрение доклад доклада докладе отчет
народ народа народу народов народная народной республика республики республике
революция революции революционного движение движения социализм социализма коммунизма
рабочего класса буржуазии капитализма оппозиции уклона линии линию политика политики
сроки срок сроков месяц месяца месяцев неделю дней год года лет время времени
"""

_EN = """
the of and to in that is for it with as on by be this we you they not are which
from at was will should must have has been would can our their his its all
comrade comrades question questions matter army armies troops divisions corps
government party Central Committee Politburo meeting conference negotiations talks
treaty agreement peace assistance support weapons arms supplies supply decision
decided agree agreement consent situation front offensive defence reserves cadres
industry grain harvest procurement plan five-year collective farms peasants workers
congress plenum delegation ambassador representative representatives telegram letter
reply note report message information border territory district region fleet navy
aviation aircraft tanks artillery shells enemy imperialists Americans American
Japanese Chinese Korean Soviet German interests security independence war victory
defeat forces organization work task economy trade credit currency urgently
immediately personally detail firmly possible necessary consider propose recommend
approve send arrive return leave discuss discussion examine people national republic
revolution revolutionary movement socialism communism working class bourgeoisie
capitalism opposition deviation line policy time month weeks days year years
considerations international character readiness concessions struggle strength
reactionaries occupiers resistance encirclement training instructions directive
"""

RU_WORDS: tuple[str, ...] = tuple(_RU.split())
EN_WORDS: tuple[str, ...] = tuple(_EN.split())
