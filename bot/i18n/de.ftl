# Paddocks Texte auf Deutsch. Eine neue Sprache beginnt als Kopie dieser Datei: sie
# enthält jeden Schlüssel, auch die der Slash-Befehle (cmd-*, choice-*).

## Fehler und Berechtigungen (bot/render/errors.py, bot/flows/guards.py)

error-unexpected = Bei uns ist etwas schiefgelaufen (Fehler-ID `{ $id }`). Bitte versuch es noch einmal und nenne die ID einem Admin, falls es wieder passiert.
error-rsvp-cancelled = { $title } ist abgesagt, Zusagen sind geschlossen.
error-rsvp-deadline = Zusagen für { $title } wurden zur Frist geschlossen ({ $when }). Ein Organisator kann deine Antwort bis zum Beginn noch ändern.
error-rsvp-started = Zusagen für { $title } wurden zum Beginn geschlossen ({ $when }).
error-not-valid-here = `{ $value }` passt hier nicht. Wähl einen der Vorschläge.
error-member-missing = Dafür brauchst du die Berechtigung { $perms }.
error-bot-missing = Dafür brauche ich die Berechtigung { $perms }. Frag einen Server-Admin.
error-cooldown = Langsam: versuch es in { $seconds } s noch einmal.
error-no-dms = Paddock funktioniert in einem Server, nicht in Direktnachrichten.
error-check-failed = Diesen Befehl kannst du hier nicht nutzen.
error-no-bots = Bots können das nicht.
error-manage-server = Nur Mitglieder mit „Server verwalten“ können Paddocks Einstellungen ändern.
error-organisers-only = Nur Organisatoren können das: Mitglieder mit „Events verwalten“.
error-organisers-or-role = Nur Organisatoren können das: Mitglieder mit „Events verwalten“ oder der Rolle { $role }.
error-restarting = Paddock startet neu; versuch es in einer Minute noch einmal.

## /config (cogs/config.py, bot/render/settings.py)

config-timezone-set = Zeitzone auf { $zone } gesetzt.
config-timezone-set-for = Zeitzone auf { $zone } gesetzt (für { $typed }).
config-units-metric = Einheiten auf metrisch gesetzt.
config-units-imperial = Einheiten auf imperial gesetzt.
config-language-set = Öffentliche Beiträge in diesem Server sind jetzt auf { $language }. Laufende Ankündigungen und Zähler folgen bei ihrer nächsten Aktualisierung.
config-meets-channel-set = Treffen werden in { $channel } angekündigt.
config-meets-channel-cleared = Treffen-Kanal zurückgesetzt.
config-announce-channel-set = Rekorde werden in { $channel } gemeldet.
config-announce-channel-cleared = Meldungen gehen in den Kanal des Zählers.
config-organizer-role-set = Organisatoren: { $role } und „Events verwalten“.
config-organizer-role-cleared = Organisatoren-Rolle zurückgesetzt.
config-announce-role-set = { $role } wird erwähnt, wenn ein Rekord fällt.
config-announce-role-cleared = Keine Erwähnung bei Rekorden.
config-owner-role-set = Mitglieder mit verifiziertem Auto bekommen { $role } (Paddock braucht „Rollen verwalten“ und die eigene Rolle darüber).
config-owner-role-cleared = Keine Rolle für verifizierte Besitzer.
config-reminders-set = Erinnerungen: { $times }.
config-reminders-off = Erinnerungen: aus.
config-milestones-set = Meilensteine { $every ->
    [one] bei jedem Auto
   *[other] alle { $every } Autos
}.
config-meet-threads-on = Neue Treffen bekommen einen Diskussions-Thread; wer mit „Ich komme“ oder „Vielleicht“ antwortet, wird hinzugefügt, und Erinnerungen und Änderungen landen dort.
config-meet-threads-off = Neue Treffen bekommen keinen Diskussions-Thread.
config-milestones-off = Meilensteine aus.
settings-title = Paddock-Einstellungen
settings-timezone = Zeitzone
settings-units = Einheiten
units-metric = metrisch
units-imperial = imperial
settings-language = Sprache öffentlicher Beiträge
settings-language-discord = die Discord-Sprache des Servers
settings-meets-channel = Treffen-Kanal
settings-meets-channel-default = wo /treffen erstellen läuft
settings-announce-channel = Kanal für Meldungen
settings-announce-channel-default = der Kanal des Zählers
settings-organizer-role = Organisatoren-Rolle
settings-organizer-role-default = nur „Events verwalten“
settings-announce-role = Erwähnung bei Rekord
settings-announce-role-default = niemand
settings-owner-role = Rolle verifizierter Besitzer
settings-owner-role-default = keine
settings-reminders = Erinnerungen
settings-reminders-value = { $times } vor jedem Treffen
settings-off = aus
settings-meet-threads = Threads für Treffen
settings-on = an
settings-milestones = Meilensteine
settings-milestones-value = { $every ->
    [one] bei jedem Auto
   *[other] alle { $every } Autos
}
config-post-ahead-set = Wiederkehrende Treffen: jeder Termin wird { $ahead } vorher angekündigt.
settings-post-ahead = Wiederkehrende Treffen
settings-post-ahead-value = jeder Termin { $ahead } vorher angekündigt
calendar-off = Der Kalender-Feed ist aus: wer Paddock betreibt, muss `PADDOCK_WEB_PORT` und `PADDOCK_PUBLIC_URL` setzen (siehe README, „Calendar feed and club page“).
calendar-links-new = Neue Kalender-Links; die alten funktionieren nicht mehr.
calendar-links = Die Kalender-Links dieses Servers.
calendar-links-body = **Kalender-Feed** (in Google Kalender, Apple Kalender oder Thunderbird über „Kalender per URL hinzufügen“ abonnieren):
    { $feed }
    {"**"}Clubseite** (anstehende Treffen und Rekorde, keine Mitgliedernamen):
    { $page }
    Jeder mit dem Link kann ihn lesen. Falls einer durchsickert, führ dies mit `neu-erzeugen:true` erneut aus.

## /specs-Karten (bot/render/specs.py). Die Zahlen bleiben wie veröffentlicht; nur die
## Wörter des Katalogs werden übersetzt.

spec-engine = Motor
spec-power = Leistung
spec-torque = Drehmoment
spec-top-speed = Höchstgeschwindigkeit
spec-kerb-weight = Leergewicht
spec-weight = Gewicht
spec-gearbox-label = Getriebe
spec-drive-label = Antrieb
spec-production = Produktion
spec-colours = Farben
spec-sources = Quellen
spec-published = veröffentlicht: { $figure }
spec-published-at = veröffentlicht: { $figure } bei { $rpm } U/min
spec-overboost = Overboost { $torque }
spec-limited = { $speed }, abgeregelt
spec-as-option = { $speed } als Option
spec-not-published = nicht veröffentlicht
spec-engine-kind = { $litres }-l-{ $layout_key ->
    [inline-3] Reihendreizylinder
    [inline-4] Reihenvierzylinder
    [inline-5] Reihenfünfzylinder
    [inline-6] Reihensechszylinder
    [flat-4] Boxer-Vierzylinder
    [flat-6] Boxer-Sechszylinder
    [twin-rotor-wankel] Zweischeiben-Wankelmotor
   *[other] { $layout }
}{ $aspiration_key ->
    [turbo] {" "}mit Turbo
    [twin-turbo] {" "}mit Biturbo
    [naturally-aspirated] , Saugmotor
    [supercharged] {" "}mit Kompressor
   *[other] , { $aspiration }
}
spec-built = { $count } gebaut
spec-planned = { $count } geplant
spec-more = +{ $count } weitere
spec-body = { $key ->
    [coupe] Coupé
    [hatchback] Schrägheck
    [saloon] Limousine
    [estate] Kombi
    [roadster] Roadster
    [convertible] Cabrio
    [cabriolet] Cabrio
   *[other] { $body }
}
spec-drive = { $key ->
    [rwd] Heckantrieb
    [awd] Allradantrieb
    [fwd] Frontantrieb
   *[other] { $drive }
}
spec-gearbox = { $speeds }-Gang-{ $kind }
spec-gearbox-kind = { $key ->
    [manual] Schaltgetriebe
    [automatic] Automatik
   *[other] { $kind }
}
spec-footer-metric = metrische Einheiten (einheiten:imperial zum Wechseln) · { $cars }
spec-footer-imperial = imperiale Einheiten (einheiten:metrisch zum Wechseln) · { $cars }
spec-club-entry = Club-Eintrag
spec-club-note = **Club-Eintrag**: von den Betreibern von Paddock hier ergänzt, nicht aus Paddocks belegtem Katalog
spec-built-in = Gebaut in { $factory }
spec-top-speed-difference = { $difference } Höchstgeschwindigkeit
spec-against = { $other } gegenüber { $base }
spec-same-figures = Gleiche Werte.

## /specs-Auswahlliste und Antworten (bot/render/specs_pick.py, bot/flows/specs.py)

pick-club-entry = { $detail } · Club-Eintrag
pick-a-car = Wähl ein Auto
pick-a-car-between = Wähl ein Auto ({ $first } … { $last })
pick-make = **{ $make }**: { $count } Autos im Katalog. Wähl unten eines aus.
pick-near-miss = Kein Auto heißt genau „{ $text }“ in `{ $option }`. Meintest du { $car }? Wähl es unten aus.
pick-several = „{ $text }“ in `{ $option }` passt auf { $count } Autos. Wähl unten eines aus.
pick-first-only = Gezeigt werden die ersten { $count }; tipp mehr vom Namen, um einzugrenzen.
pick-nothing = (nichts)
pick-no-match = Kein Auto passt zu „{ $text }“ in `{ $option }`: der Katalog hat nichts mit diesem Namen.
pick-make-has = Er hat { $count } { $count ->
    [one] Auto
   *[other] Autos
} von { $make }: versuch `/daten { $lower }`.
pick-how-to-add = Tipp los und wähl aus der Liste, oder bitte die Betreiber von Paddock hier, das Auto als Club-Eintrag aufzunehmen.
pick-gone = Dieses Auto ist nicht mehr im Katalog. Starte `/daten` noch einmal, um ein anderes zu wählen.
specs-same-car = `vergleich` ist dasselbe Auto wie `modell` ({ $car }). Wähl ein anderes Auto zum Vergleich oder lass `vergleich` leer.
specs-club-garage = Club-Garage
garage-in-club = { $count } in der Garage dieses Clubs

## /about (cogs/about.py, bot/render/formatting.py)

about-description = Fahrzeugdaten, Treffen mit Zusagen und ein Live-Anwesenheitszähler.
about-version = Version
about-uptime = Laufzeit
about-latency = Gateway-Latenz
about-measuring = wird gemessen…
about-stored = Für diesen Server gespeichert
about-meets = { $count ->
    [one] { $count } Treffen
   *[other] { $count } Treffen
} ({ $upcoming } anstehend)
about-rsvps = { $count ->
    [one] { $count } Zusage
   *[other] { $count } Zusagen
}
about-counters = { $count ->
    [one] { $count } Anwesenheitszähler
   *[other] { $count } Anwesenheitszähler
}
about-check-ins = { $count ->
    [one] { $count } Check-in
   *[other] { $count } Check-ins
}
about-history = { $count ->
    [one] { $count } Verlaufseintrag
   *[other] { $count } Verlaufseinträge
}

## Garage-Fehler (bot/services/garage/service.py)

error-garage-year-range = `baujahr` muss zwischen { $first } und { $last } liegen.
error-garage-year-outside-run = { $car }: gebaut { $years }; `baujahr` { $year } passt nicht dazu.

## Section: meets (one helper's keys; keep keys inside their section)

# Knöpfe und Formulare (bot/render/views.py). Die Custom-IDs ändern sich nie mit der Sprache.
meets-button-going = Ich komme
meets-button-maybe = Vielleicht
meets-button-no = Kann nicht
meets-button-car = Mein Auto…
meets-button-car-going = Ich komme, mit meinem Auto…
meets-button-post = Veröffentlichen
meets-button-change = Ändern…
meets-button-discard = Verwerfen
meets-button-here = Ich bin da
meets-button-plus-one = +1
meets-button-plus-five = +5
meets-button-minus-one = −1
meets-button-check-out = Auschecken
meets-car-form = Mein Auto
meets-car-form-going = Ich komme, mit meinem Auto
meets-car-form-car = Auto
meets-car-form-car-example = z. B. BMW 1M, Valenciaorange
meets-car-form-passengers = Mitfahrer (0-{ $most })
meets-form-new = Neues Treffen
meets-form-edit = Treffen ändern
meets-form-title = Titel
meets-form-title-example = z. B. Frühlingsausfahrt in die Eifel
meets-form-when = Wann (in der Zeitzone des Servers)
meets-form-when-example = z. B. Samstag 10 Uhr oder 21.08.2027 10:00
meets-form-where = Wo
meets-form-where-example = Eine Adresse, ein Ortsname oder ein Kartenlink
meets-form-description = Beschreibung
meets-form-description-example = Route, Kosten, was mitzubringen ist

# Die Ankündigung und weitere Treffen-Embeds (bot/render/meets.py)
meets-nobody-yet = noch niemand
meets-more = +{ $count } weitere
meets-going-no-limit = { $count } dabei (ohne Begrenzung)
meets-open-in-maps = [In Karte öffnen](<{ $url }>)
meets-when-line = { $start } bis { $end } ({ $relative })
meets-cancelled-title = Abgesagt: { $title }
meets-when = **Wann:** { $when }
meets-where = **Wo:** { $where }
meets-is-cancelled = **Dieses Treffen ist abgesagt.**
meets-is-cancelled-because = **Dieses Treffen ist abgesagt: { $reason }**
meets-rsvps-closed = **Zusagen geschlossen.**
meets-rsvp-by = **Zusagen bis:** { $when }
meets-talk = **Austausch:** { $thread }
meets-places = Plätze
meets-waiting = Warteliste
meets-maybe = Vielleicht
meets-going-count = Zusagen ({ $count })
meets-maybe-count = Vielleicht ({ $count })
meets-waitlist-count = Warteliste ({ $count })
meets-no-count = Absagen ({ $count })
meets-number = Treffen #{ $id }
meets-preview-footer = Vorschau
meets-preview-new = **Vorschau:** Niemand sieht dieses Treffen, bis du **Veröffentlichen** drückst.
meets-preview-edit = **Vorschau:** Niemand sieht diese Änderungen, bis du **Veröffentlichen** drückst.
meets-preview-starts = Beginnt **{ $when }**
meets-preview-closes = Zusagen schließen { $when }
meets-preview-closes-at-start = Zusagen schließen zum Beginn, { $when }
meets-preview-expires = Diese Vorschau verfällt in { $minutes } Minuten.
meets-field-when = Wann
meets-field-where = Wo
meets-field-cancelled = Abgesagt
meets-no-reason = ohne Angabe von Gründen
meets-field-series = Reihe
meets-field-announcement = Ankündigung
meets-jump = [Dorthin springen]({ $url })
meets-places-taken = { $going }/{ $capacity } Plätze vergeben
meets-going = { $count ->
    [0] noch niemand dabei
   *[other] { $count } dabei
}
meets-going-short = { $count } dabei
meets-upcoming = Kommende Treffen
meets-none-planned = Noch keine Treffen geplant. Organisatoren können mit `/treffen erstellen` eins anlegen.
meets-status-cancelled = **abgesagt**
meets-announcement-link = [Ankündigung]({ $url })
meets-cancelled-mark = [abgesagt] { $name }
meets-list-more = und { $count } weitere; wähl eins in /treffen details
meets-mine-title = Deine Treffen
meets-mine-none = Du hast noch auf kein kommendes Treffen geantwortet. `/treffen liste` zeigt, was geplant ist.
meets-mine-going = dabei
meets-mine-maybe = vielleicht
meets-mine-no = nicht dabei
meets-mine-cancelled = abgesagt
meets-mine-waitlist = Platz { $position } der Warteliste
meets-attendees-title = Teilnehmer: { $title }
meets-attendees-summary = { $places } · { $waiting } auf der Warteliste · { $maybe } vielleicht · { $no } { $no ->
    [one] kann
   *[other] können
} nicht
meets-attendees-footer = Treffen #{ $id } · { $cars ->
    [one] { $cars } Auto
   *[other] { $cars } Autos
}, { $passengers } Mitfahrer · export:true liefert die vollständige CSV

# Was ein Mitglied nach seiner Antwort liest (bot/render/meets.py). $who ist "you" für das
# Mitglied selbst, "they" für ein Mitglied, für das ein Organisator geantwortet hat.
meets-rsvp-going-places = { $who ->
    [you] Du bist
   *[they] { $member } ist
} dabei: { $going }/{ $capacity } Plätze vergeben.
meets-rsvp-going = { $who ->
    [you] Du bist
   *[they] { $member } ist
} dabei, { $others ->
    [0] bisher noch allein.
    [one] mit einer weiteren Person.
   *[other] mit { $others } anderen.
}
meets-rsvp-waitlist = Das Treffen ist voll: { $who ->
    [you] Du stehst auf Platz { $position } der Warteliste. Du erfährst es,
   *[they] { $member } steht auf Platz { $position } der Warteliste und erfährt es,
} wenn ein Platz frei wird.
meets-rsvp-maybe-places = { $who ->
    [you] Du hast
   *[they] { $member } hat
} mit Vielleicht geantwortet. { $left } von { $capacity } Plätzen sind noch frei.
meets-rsvp-maybe = { $who ->
    [you] Du hast
   *[they] { $member } hat
} mit Vielleicht geantwortet. Bisher { $so_far }.
meets-rsvp-no = { $who ->
    [you] Du bist nicht dabei. Danke, dass du den Organisatoren Bescheid gibst.
   *[they] { $member } ist nicht dabei.
}

# Hinweise an Mitglieder: Nachrücken, Änderungen, Absagen, Erinnerungen (öffentlich oder per DM)
meets-promoted = Ein Platz ist frei geworden: Du bist jetzt bei { $meet } dabei. Wenn du doch nicht kannst, drück „Kann nicht“, damit der oder die Nächste den Platz bekommt.
meets-promoted-places = Ein Platz ist frei geworden: Du bist jetzt bei { $meet } dabei ({ $going }/{ $capacity }). Wenn du doch nicht kannst, drück „Kann nicht“, damit der oder die Nächste den Platz bekommt.
meets-changed-time = Änderung bei { $meet }: Es beginnt jetzt { $when }.
meets-changed-place = Änderung bei { $meet }: Treffpunkt ist jetzt { $where }.
meets-changed-time-place = Änderung bei { $meet }: Es beginnt jetzt { $when }, Treffpunkt ist jetzt { $where }.
meets-cancelled-notice = { $meet } am { $when } ist abgesagt.
meets-cancelled-notice-reason = { $meet } am { $when } ist abgesagt. Grund: { $reason }
meets-reminder = Erinnerung: **{ $title }** beginnt { $relative } ({ $when }). Treffpunkt: { $where }.

# Wiederkehrende Treffen (bot/render/series.py)
meets-rule-weekly = { $every ->
    [1] jeden
   *[other] alle { $every } Wochen am
} { $day } um { $at }
meets-rule-monthly-date = { $every ->
    [1] jeden Monat
   *[other] alle { $every } Monate
} am { $date }. um { $at }
meets-rule-monthly-date-short = { $every ->
    [1] jeden Monat
   *[other] alle { $every } Monate
} am { $date }. (in kürzeren Monaten am letzten Tag) um { $at }
meets-rule-monthly-weekday = { $every ->
    [1] jeden
   *[other] alle { $every } Monate am
} { $nth ->
    [1] ersten
    [2] zweiten
    [3] dritten
    [4] vierten
   *[other] letzten
} { $day } im Monat um { $at }
meets-rule-until = , bis { $date }
meets-rule-times = , { $count }-mal
meets-no-more-dates = keine weiteren Termine
meets-repeats = Wiederholt sich { $rule }
meets-field-repeats = Wiederholung
meets-repeat-field = { $rule }
    Als Nächstes:
    { $dates }
meets-kept-time = { $meet } hat eine neue Uhrzeit: Es findet jetzt { $rule } statt. Dein Termin, { $when }, behält seine Uhrzeit, weil schon Mitglieder darauf geantwortet haben.
meets-series-updated = Diesen und alle späteren Termine aktualisiert: { $rule }.
meets-series-moved = { $count ->
    [one] { $count } Termin, auf den noch niemand geantwortet hatte, wurde verschoben.
   *[other] { $count } Termine, auf die noch niemand geantwortet hatte, wurden verschoben.
}
meets-series-kept = { $count ->
    [one] { $count } Termin mit Antworten behält seine Uhrzeit
   *[other] { $count } Termine mit Antworten behalten ihre Uhrzeit
}; { $told ->
    [one] { $told } Mitglied wurde
   *[other] { $told } Mitglieder wurden
} informiert. Verschieb einen davon bei Bedarf mit `termine: nur dieser Termin`.

# Antworten an Mitglieder und Organisatoren (bot/flows/meets/, cogs/meets.py)
meets-car-saved = Autodaten gespeichert.
meets-which-car = Mit welchem Auto kommst du zu { $meet }?
meets-answer-first = Du hast auf { $meet } noch nicht geantwortet. Drück zuerst **Ich komme** oder **Vielleicht**, dann **Mein Auto…**; oder sag zu und trag dein Auto in einem Schritt ein:
meets-event-rsvp = Zusagen: { $url }
meets-event-no-permission = Ich konnte dieses Treffen nicht unter „Events“ des Servers eintragen: Dafür brauche ich die Berechtigung **Events verwalten**. Alles andere funktioniert auch ohne; ich erwähne es nicht noch einmal.
meets-preview-where = Es wird in { $channel } veröffentlicht.
meets-updated = { $meet } aktualisiert.{ $told ->
    [0] {""}
    [one] {" "}{ $told } Mitglied (dabei, auf der Warteliste oder vielleicht) wurde informiert.
   *[other] {" "}{ $told } Mitglieder (dabei, auf der Warteliste oder vielleicht) wurden informiert.
}
meets-discarded = Verworfen. Nichts wurde veröffentlicht oder geändert.
meets-not-posted = Nichts wurde veröffentlicht. { $error } Führ danach /treffen erstellen noch einmal aus.
meets-announced = { $meet } für { $when } in { $channel } angekündigt.
meets-announced-repeats = { $repeats }; jeder spätere Termin wird { $ahead } vorher angekündigt.
meets-cancelled-dates = { $count ->
    [one] { $count } Termin
   *[other] { $count } Termine
} von { $meet } ab { $when } abgesagt; es werden keine weiteren Termine angelegt. { $told ->
    [one] { $told } Mitglied wurde
   *[other] { $told } Mitglieder wurden
} informiert.
meets-cancelled-reply = { $meet } abgesagt; { $told ->
    [one] { $told } Mitglied wurde
   *[other] { $told } Mitglieder wurden
} informiert.
meets-cars-going = Autos dabei
meets-calendar-file = Öffne die Datei, um { $meet } in deinen Kalender einzutragen.
meets-notify-dm = Ich schreibe dir zu deinen Treffen hier eine Direktnachricht (und erwähne dich im Treffen-Kanal, falls deine DMs geschlossen sind).
meets-notify-channel = Ich erwähne dich zu deinen Treffen hier im Treffen-Kanal.

# Fehler von /meet und /rsvp (cogs/meets.py, bot/flows/)
error-meets-member-bot = `mitglied`: Bots kommen nicht zu Treffen. Wähl ein Mitglied.
error-meets-no-channel = `kanal`: Wähl einen Textkanal für die Ankündigung.
error-meets-cannot-post = `kanal`: Ich kann in { $channel } nichts posten. Dort brauche ich „Kanal ansehen“, „Nachrichten senden“ und „Links einbetten“; oder wähl einen anderen Kanal.
error-meets-unknown-garage-car = Dieses Auto kenne ich in deiner Garage nicht. Drück noch einmal auf „Mein Auto…“.
error-meets-series-did-you-mean = `reihe`: Meintest du **{ $suggestion }**? Wähl sie aus der Liste, damit das für ihren Rekord zählt. Ist `{ $name }` eine neue Reihe, schick denselben Befehl innerhalb von { $minutes } Minuten noch einmal, dann lege ich sie an.
error-meets-pick-meet = `treffen`: Wähl ein Treffen aus der Liste.
error-meets-ambiguous = `treffen`: Es gibt { $count ->
    [2] zwei
   *[other] mehrere
} Treffen namens `{ $text }`. Wähl das gemeinte aus der Liste.
error-meets-unknown-title = `treffen`: Ein Treffen namens `{ $text }` kenne ich in diesem Server nicht. Wähl eins aus der Liste.
error-meets-does-not-repeat = Dieses Treffen wiederholt sich nicht; lass `termine` weg.
error-meets-ends-needs-when = `ende` braucht auch `wann`, damit ich weiß, wonach es endet.
error-meets-repeat-options-alone = `alle`, `bis` und `anzahl` gehören zu `wiederholen`; wähl auch eine Wiederholung.
error-meets-series-one-date = `reihe` ändert die Rekord-Reihe eines einzelnen Termins; lass `termine` leer, um diesen Termin zu ändern.
meets-attendees-file = treffen-{ $id }-teilnehmer.csv
meets-calendar-filename = treffen-{ $id }.ics

# Fehler der Treffen-Dienste (bot/services/meets/, bot/services/ids.py, bot/errors.py)
-when-example = `2027-08-21 10:00`, `21.08.2027 10:00` oder `nächsten Samstag 10 Uhr`
error-meets-not-found = Dieses Treffen kenne ich in diesem Server nicht. Wähl eins aus der Liste.
error-meets-needs-answer = Antworte zuerst auf { $title }: Drück „Ich komme“ oder „Vielleicht“, dann „Mein Auto…“, um dein Auto einzutragen.
error-meets-bad-answer = Antworte mit dabei, vielleicht oder nein.
error-meets-preview-expired = Diese Vorschau ist abgelaufen oder wurde schon benutzt. Führ den Befehl noch einmal aus.
error-meets-preview-not-yours = Nur der Organisator, der diese Vorschau erstellt hat, kann ihre Knöpfe benutzen.
error-meets-capacity = `plätze` muss eine ganze Zahl von { $least } bis { $most } Autos sein (angegeben: { $got }).
error-meets-passengers-number = `mitfahrer` muss eine Zahl von 0 bis { $most } sein (angegeben: `{ $got }`).
error-meets-passengers-range = `mitfahrer` muss zwischen 0 und { $most } liegen (angegeben: { $got }).
error-meets-when-past = `wann` liegt in der Vergangenheit. Gib eine Zeit in der Zukunft an, z. B. `nächsten Samstag 10 Uhr`.
error-meets-when-too-far = `wann` liegt mehr als 5 Jahre in der Zukunft. Plane Treffen höchstens 5 Jahre im Voraus.
error-meets-ends-before-start = `ende`: Das Ende muss nach dem Beginn liegen, z. B. `3h` oder `16:00`.
error-meets-ends-too-long = `ende`: Ein Treffen dauert höchstens 2 Tage. Versuch es z. B. mit `3h`.
error-meets-rsvp-by-after-start = `zusage_bis`: Die Frist für Zusagen muss spätestens zum Beginn des Treffens enden.
error-meets-rsvp-by-past = `zusage_bis` liegt in der Vergangenheit. Gib eine Zeit in der Zukunft vor dem Beginn an.
error-meets-when-missing = `wann` fehlt. Versuch es z. B. mit `nächsten Samstag 10 Uhr`.
error-meets-nothing-to-change = Nichts zu ändern: Gib mindestens eins davon an: Titel, Zeit, Ort, Plätze, Beschreibung oder Reihe.
error-meets-edit-cancelled = Dieses Treffen ist abgesagt; es kann nicht mehr geändert werden.
error-meets-already-cancelled = Dieses Treffen ist schon abgesagt.
error-meets-bad-via = `per` muss `channel` oder `dm` sein.
error-meets-no-such-series = Dieses wiederkehrende Treffen gibt es in diesem Server nicht.
error-meets-series-keep-date = `wann`: Für diesen und alle späteren Termine kann sich nur die Uhrzeit ändern, also behalte das Datum { $date }. Um die Reihe auf andere Tage zu legen, sag diesen und alle späteren Termine ab und leg eine neue Wiederholung an; um nur diesen Termin zu verschieben, wähl `nur dieser Termin`.
error-meets-series-nothing-to-change = Nichts zu ändern: Gib mindestens eins davon an: Titel, Zeit, Ort, Plätze, Beschreibung oder Zusagefrist.
error-meets-not-a-series = Dieses Treffen wiederholt sich nicht; wähl `nur dieser Termin`.
error-meets-date-cancelled = Dieser Termin ist abgesagt; wähl einen, der es nicht ist.
error-meets-repeat-kind = `wiederholen`: Wähl wöchentlich, monatlich an einem Datum oder monatlich an einem Wochentag.
error-meets-repeat-choice = `wiederholen`: Wähl eine der angebotenen Wiederholungen.
error-meets-every-range = `alle`: Wiederhol alle 1 bis { $most } Wochen oder Monate.
error-meets-times-range = `anzahl`: Gib eine Zahl von Terminen zwischen 2 und { $most } an.
error-meets-until-or-times = Gib entweder `bis` oder `anzahl` an, nicht beides.
error-meets-until-not-after = `bis`: { $until } liegt nicht nach dem ersten Termin ({ $first }).
error-meets-not-last-weekday = `wann`: { $day } ist nicht der letzte { $weekday } im Monat; beginne an einem letzten oder wiederhol nach seiner Nummer (erster, zweiter …).
error-meets-fifth-weekday = `wann`: { $day } ist der fünfte { $weekday }, den die meisten Monate nicht haben. Wiederhol stattdessen am letzten.
error-meets-until-unreadable = `bis`: `{ $text }` kann ich nicht als Datum lesen. Gib ein Datum wie `31.12.2027` oder `2027-12-31` an.
error-meets-until-no-such-day = `bis`: { $text } gibt es nicht. Gib ein Datum wie `31.12.2027` oder `2027-12-31` an.
error-meets-when-skipped = `wann`: { $wall } gibt es in { $zone } nicht: In dieser Nacht wird die Uhr vorgestellt und diese Stunde übersprungen. Meintest du `{ $instead }` ({ $abbreviation })?
error-meets-not-a-time = `wann`: `{ $text }` ist keine Uhrzeit. Versuch { -when-example }.
error-meets-when-unreadable = `wann`: `{ $text }` kann ich nicht als Zeit lesen. Versuch { -when-example }.
error-meets-weekday-mismatch = `wann`: Der { $date } ist ein { $weekday }, kein { $wanted }. Prüf das Datum oder lass den Wochentag weg.
error-meets-when-empty = `wann` ist leer. Versuch { -when-example }.
error-meets-what-time = Um wie viel Uhr am { $day }? z. B. `{ $example }`
error-meets-when-out-of-range = `wann`: Dieses Datum liegt außerhalb des möglichen Bereichs. Versuch { -when-example }.
error-meets-when-in-past = `wann`: { $wall } ({ $zone }) liegt in der Vergangenheit. Gib eine Zeit in der Zukunft an, z. B. { -when-example }.
error-meets-when-years-away = `wann`: { $wall } liegt mehr als 5 Jahre in der Zukunft. Versuch z. B. { -when-example }.
error-meets-ends-length = `ende`: Gib eine Dauer wie `3h` oder `90m` an, oder eine Uhrzeit.
error-meets-ends-unreadable = `ende`: `{ $text }` kann ich weder als Dauer noch als Uhrzeit lesen. Gib z. B. `3h`, `90m` oder `16:00` ein.
meets-note-twice = { $wall } gibt es in { $zone } zweimal (in dieser Nacht wird die Uhr zurückgestellt); ich habe die erste genommen, { $abbreviation } (UTC{ $offset }).

## End of section: meets

## Section: attendance-records (one helper's keys; keep keys inside their section)

att-cars = { $count ->
    [one] { $count } Auto
   *[other] { $count } Autos
}
att-whole-server = der ganze Server
att-arrival-checkin = 🚗 { $member } eingecheckt: Auto { $car } · { $when }
att-arrival-checkout = ↩️ { $member } ausgecheckt · { $when }
att-arrival-void = 🚫 Check-in von { $member } entfernt → { $total } · { $when }
att-arrival-staff = 🧮 Team { $delta } → { $total } · { $when }
att-correction-void = Check-in von { $member } entfernt durch { $actor } → { $total } · { $when }
att-correction-staff = Team { $delta } durch { $actor } → { $total } · { $when }
att-tally = { $checked_in } eingecheckt · Teamzählung { $staff }
att-final = Endstand: { $cars }
att-new-record-heading = 🏁 **Neuer Rekord!**
att-counter-title = Live-Anwesenheit · { $title }
att-record-to-beat = Zu schlagender Rekord
att-no-record-yet = Noch keine früheren Treffen erfasst: dieses stellt den ersten Rekord auf.
att-previous-record = Bisheriger Rekord
att-progress = Fortschritt
att-progress-value = { $total } / { $record } Rekord
att-nobody-yet = Noch niemand da. Tipp auf **Ich bin da**!
att-last-arrivals = Zuletzt angekommen
att-counter-stopped = Zähler beendet
att-status-title = Anwesenheit · { $title }
att-cars-label = Autos
att-checked-in = Eingecheckt
att-staff-tally = Teamzählung
att-highest-today = Höchststand heute
att-none-yet = noch keiner
att-counter = Zähler
att-live-since = live in { $channel }, gestartet { $when }
att-stopped-at = beendet { $when }
att-stopped = beendet
att-last-corrections = Letzte Korrekturen
att-record-new = 🏁 Neuer Clubrekord: { $cars } bei { $title }.
att-record-now = 🏁 Neuer Clubrekord bei { $title }: jetzt { $cars }!
att-record-final = 🏁 Neuer Clubrekord bei { $title }: Endstand { $cars }{ $peak }.
att-record-stands = 🏁 Der Clubrekord hält bei { $title }: Endstand nach Korrekturen { $cars }{ $peak }. Der Rekord bleibt { $record }.
att-record-peak = ; Höchststand { $peak }
att-record-previous = Bisheriger Rekord: { $record }.
att-milestone = 🚗 { $cars } bei { $title }!
att-summary-final = Endstand: { $cars }.
att-summary-final-peak = Endstand: { $cars } (Höchststand { $peak }).
att-summary-first = Das erste erfasste Treffen der Reihe { $series }.
att-summary-first-server = Das erste erfasste Treffen für den ganzen Server.
att-summary-new-record = Neuer Clubrekord, +{ $margin } gegenüber dem bisherigen Rekord von { $previous } bei { $label }.
att-summary-level = Gleichauf mit dem Clubrekord von { $previous } bei { $label }.
att-summary-stays = Der Clubrekord bleibt bei { $previous }, aufgestellt bei { $label }.
att-reply-checked-in = Du bist eingecheckt: Auto { $car }. Stand jetzt: { $cars }.
att-reply-checked-out = Du bist ausgecheckt. Stand jetzt: { $cars }.
att-reply-not-in = Du warst nicht eingecheckt, es gab also nichts rückgängig zu machen.
att-reply-already-in = Du bist schon eingecheckt (Auto { $car }). Fährst du? Dann check dich unten aus.
att-reply-staff = Teamzählung { $delta }: jetzt { $cars }.
att-reply-adjust = Teamzählung { $delta }. Jetzt { $cars }: { $checked_in } eingecheckt, Teamzählung { $staff }.
att-reply-adjust-limited = Teamzählung { $delta } statt { $asked }: Die Zählung bleibt zwischen 0 und 100.000. Jetzt { $cars }: { $checked_in } eingecheckt, Teamzählung { $staff }.
att-reply-void = Check-in von { $member } entfernt: jetzt { $cars } ({ $checked_in } eingecheckt, Teamzählung { $staff }). Kommt das Mitglied doch noch, kann es wieder einchecken.
att-void-not-in = { $member } ist nicht eingecheckt, es gab also nichts zu entfernen.
att-history-title = Anwesenheitsrekorde · { $series }
att-club-record = Clubrekord
att-imported = importiert
att-counted-live = live gezählt
att-earlier-not-shown = … { $count ->
    [one] { $count } früheres Treffen
   *[other] { $count } frühere Treffen
} nicht angezeigt
att-started = Der Zähler für { $title } läuft in { $channel }: { $url }
att-reopened = Der Zähler für { $title } ist wieder offen und läuft in { $channel }: { $url }
records-none = Noch kein Anwesenheitsverlauf für { $series }. Organisatoren können frühere Treffen mit /rekorde importieren eintragen, und /anwesenheit beenden fügt live gezählte hinzu.
records-none-server = Noch kein Anwesenheitsverlauf für den ganzen Server. Organisatoren können frühere Treffen mit /rekorde importieren eintragen, und /anwesenheit beenden fügt live gezählte hinzu.
records-all-meets = Alle Treffen
records-imported = { $cars } bei { $label } ({ $day }) importiert.
records-standing = Der Rekord für { $series } liegt bei { $record }.
records-standing-server = Der Rekord für den ganzen Server liegt bei { $record }.
records-removed = { $label } ({ $day }, { $cars }) aus dem Verlauf entfernt.
chart-record = Rekord { $cars }
chart-cars = Autos
chart-no-series = ohne Reihe
error-att-channel = `kanal`: wähl einen Textkanal für den Zähler.
error-att-cannot-post = Ich konnte den Zähler nicht in { $channel } posten. Prüf, ob ich dort Nachrichten und Einbettungen senden darf, und versuch es dann noch einmal.
error-att-no-counter = Dieses Treffen hat keinen Anwesenheitszähler. Organisatoren starten einen mit /anwesenheit starten.
error-att-none-live = In diesem Server läuft gerade kein Anwesenheitszähler.
error-att-several-live = `treffen`: hier laufen mehrere Zähler; wähl das Treffen, bei dem du bist.
error-att-cancelled = { $title } wurde abgesagt; da gibt es nichts zu zählen.
error-att-already-stopped = Dieser Zähler ist schon beendet. Starte ihn noch einmal, um ihn wieder zu öffnen.
error-att-cars-change = `autos`: eine Änderung von -100.000 bis 100.000, aber nicht 0; z. B. `3` oder `-2`.
error-att-stopped = Dieser Zähler ist beendet; das Endergebnis steht in /rekorde anzeigen.
error-att-zero-no-car = Die Zählung steht schon bei 0, es gibt also kein Auto zum Abziehen.
error-att-zero = Die Zählung steht schon bei 0; da ist nichts abzuziehen.
error-att-maximum = Der Zähler steht auf seinem Maximum von 100.000 Autos.
error-records-count = `anzahl`: eine Zahl von Autos zwischen 0 und 100.000.
error-records-date-unreadable = `datum`: `{ $text }` kann ich nicht als Datum lesen. Schreib JJJJ-MM-TT, z. B. `2023-08-26`.
error-records-date-missing = `datum`: { $text } gibt es nicht. Schreib JJJJ-MM-TT, z. B. `2023-08-26`.
error-records-date-future = `datum`: { $text } liegt in der Zukunft; importier nur Treffen, die schon stattgefunden haben. Ein laufendes Treffen zählst du mit /anwesenheit starten.
error-records-date-early = `datum`: { $text } liegt vor 1900. Schreib JJJJ-MM-TT, z. B. `2023-08-26`.
error-records-duplicate = { $label } am { $day } steht schon im Verlauf; entfern es zuerst mit /rekorde entfernen, um es zu ändern.
error-records-no-import = Hier gibt es kein importiertes Treffen mit dieser ID. Wähl eins aus der Liste.
error-records-no-single-import = `eintrag`: kein einzelnes importiertes Treffen passt zu `{ $text }`. Wähl eins aus der Liste.

## End of section: attendance-records

## Section: garage-register (one helper's keys; keep keys inside their section)

garage-verified = ✅ verifiziert
garage-not-verified = nicht verifiziert
garage-not-in-catalogue = nicht im Katalog
garage-specs-line = Daten: `/daten modell:{ $model }`
garage-vin-own = FIN `{ $vin }` (nur du siehst das)
garage-vin-tail = FIN hinterlegt, endet auf `{ $tail }`
garage-title = Garage von { $owner }
garage-empty = Noch keine Autos. Trag eins mit `/garage hinzufügen` ein.
garage-footer = { $count } von { $max } Autos · { $verified } verifiziert
garage-added = { $title } in { $colour } steht jetzt in deiner Garage.
garage-added-not-in-catalogue = Es ist nicht im Katalog und hat deshalb keine /daten-Karte.
garage-added-vin = Die FIN ist privat gespeichert: nur du siehst sie; Organisatoren sehen die letzten 7 Zeichen nur, wenn du es mit /garage privatsphäre erlaubst.
garage-and-more = … und { $count } weitere
garage-unknown-year = unbekannt
garage-share = { $count ->
        [one] Im Club ist { $cars } der { $production } gebauten Exemplare ({ $model }): { $share } %
       *[other] Im Club sind { $cars } der { $production } gebauten Exemplare ({ $model }): { $share } %
    }
garage-register-title = Clubregister · { $what }
garage-whole-garage = die ganze Garage
garage-register-empty = Noch keine Autos von Mitgliedern eingetragen. Trag deins mit `/garage hinzufügen` ein.
garage-register-summary = **{ $cars }** { $cars ->
        [one] Auto
       *[other] Autos
    } von Mitgliedern, { $owners } Besitzer, { $verified } verifiziert, { $unverified } nicht verifiziert
garage-by-model = Nach Modell
garage-by-colour = Nach Farbe
garage-by-year = Nach Baujahr
garage-colours-title = { $model } · die Autos des Clubs nach Werksfarbe
garage-colours-none = Der Katalog führt für dieses Modell noch keine Werksfarben.
garage-colours-other = Andere Farben, die Mitglieder angegeben haben
garage-pick-other = Anderes Auto…
garage-pick-other-hint = In einem Formular eintippen
garage-pick-placeholder = Mit welchem Auto kommst du?
garage-saved = { $model } in { $colour } gespeichert.
garage-saved-reverify = { $model } in { $colour } gespeichert. Ein geändertes Modell oder eine geänderte FIN muss erneut verifiziert werden.
garage-removed = { $model } in { $colour } entfernt.
garage-privacy-on = Organisatoren sehen jetzt, dass für deine Autos FINs hinterlegt sind, und deren letzte 7 Zeichen.
garage-privacy-off = Außer dir sieht niemand etwas von deinen FINs.
garage-verified-done = { $model } in { $colour } von { $member } ist verifiziert.
garage-unverified-done = { $model } in { $colour } von { $member } ist nicht mehr verifiziert.
garage-vin-cleared = FIN entfernt bei { $model } in { $colour } von { $member }; das Auto ist nicht mehr verifiziert. Die FIN kann jetzt in eine andere Garage eingetragen werden.
garage-role-gone = Die Rolle für verifizierte Besitzer aus /einstellungen besitzer-rolle gibt es nicht mehr; setz sie neu.
garage-role-forbidden = Ich konnte die Rolle { $role } nicht ändern: Paddock braucht „Rollen verwalten“, und seine eigene Rolle muss darüber stehen. Die Verifizierung ist trotzdem gespeichert; ich sage das nur einmal.
register-all-members-cars = Alle Autos der Mitglieder
chart-others = andere
chart-by-colour = nach Farbe
chart-by-year = nach Baujahr
chart-verified = verifiziert ({ $count })
chart-not-verified = nicht verifiziert ({ $count })
error-garage-pick-car = Wähl das Auto beim Tippen aus der Liste.
error-garage-not-theirs = Dieses Auto ist nicht in der Garage von { $member }. Wähl eins aus der Liste.
error-garage-no-vin = Für dieses Auto ist keine FIN hinterlegt.
error-garage-full = Deine Garage ist voll: mehr als { $max } Autos gehen nicht. Entfern zuerst eins mit /garage entfernen.
error-garage-vin-own = Diese FIN steht schon bei einem anderen Auto in deiner Garage.
error-garage-vin-taken = Diese FIN steht schon in der Garage eines anderen Mitglieds auf diesem Server. Wenn das Auto deins ist (von ihm gekauft, oder ein Tippfehler auf seiner Seite), frag einen Organisator: er kann die Papiere prüfen und sie mit /garage fin-entfernen freigeben; dann trag sie erneut ein.
error-garage-car-not-found = Dieses Auto kenne ich in deiner Garage nicht. Wähl eins aus der Liste.
error-vin-length = Eine FIN hat 17 Zeichen; diese hat { $count }. Schreib sie aus dem Fahrzeugschein oder von der Windschutzscheibe ab.
error-vin-ioq = Eine FIN enthält nie die Buchstaben I, O oder Q (sie sehen aus wie 1 und 0); prüf diese Zeichen.
error-vin-characters = Eine FIN besteht nur aus den Buchstaben A–Z (ohne I, O, Q) und den Ziffern 0–9.
error-vin-check-digit = Die Prüfziffer dieser FIN (das 9. Zeichen) passt nicht zum Rest, ein Zeichen ist also vertippt. Vergleich sie mit dem Fahrzeugschein.
error-vin-make = Der Herstellercode dieser FIN gehört zu { $read }, nicht zu { $make }. Prüf die FIN oder wähl das richtige Modell.
error-register-not-in-catalogue = Dieses Modell ist nicht im Katalog, seine Werksfarben sind daher unbekannt. Wähl ein Modell aus der Liste.

error-zone-none = Gib eine Zeitzone an, z. B. `Europe/Berlin` oder `America/New_York`.
error-zone-unknown = `{ $text }` kenne ich nicht als Zeitzone. Wähl eine aus der Liste, z. B. `Europe/Berlin` oder `America/New_York`.
error-reminders-unreadable = `{ $text }` ist keine Erinnerungszeit. Gib Tage, Stunden oder Minuten vor dem Treffen an, z. B. `24h, 1h`, `2 Tage`, `90m` oder `30 Minuten`, oder `aus`.
error-reminders-range = `{ $text }` geht nicht: Erinnerungen müssen zwischen 5 Minuten und 14 Tagen vor dem Treffen liegen.
error-reminders-many = Höchstens { $max } Erinnerungen pro Treffen.
error-post-ahead-unreadable = `{ $text }` ist keine Vorlaufzeit. Gib Tage oder Stunden an, z. B. `7d`, `48h` oder `2 Tage`.
error-post-ahead-range = `{ $text }` geht nicht: Wiederkehrende Treffen lassen sich 1 Stunde bis 28 Tage vorher ankündigen.
error-units = Einheiten müssen `metric` oder `imperial` sein.
error-language = Paddock spricht { $languages }.
error-milestones = Meilensteine gehen alle 1 bis 10.000 Autos, oder 0 schaltet sie aus.
error-text-invisible = `{ $name }` darf nicht leer sein: es enthält nur unsichtbare oder Füllzeichen. Bitte schreib etwas, das Mitglieder lesen können.
error-text-empty = `{ $name }` darf nicht leer sein.
error-text-too-long = `{ $name }` hat { $length } Zeichen; erlaubt sind { $limit }. Bitte kürz es.

## End of section: garage-register

## Section: web (one helper's keys; keep keys inside their section)

web-title = Clubtreffen
web-times-in = Alle Zeiten in { $zone }.
web-upcoming = Anstehende Treffen
web-repeats = wiederkehrend
web-cancelled = abgesagt
web-map = Karte
web-map-of = von { $location }
web-going = { $count } dabei
web-places-left = { $count ->
    [one] { $count } Platz frei
   *[other] { $count } Plätze frei
}
web-no-meets = Noch keine Treffen geplant.
web-records = Anwesenheitsrekorde
web-record-line = Rekord: { $cars } bei { $label }, { $day }.
web-no-records = Noch keine Anwesenheit erfasst.
web-footer = Abonnier diese Treffen in deiner Kalender-App mit dem Kalender-Link des Clubs (frag einen Organisator). Bereitgestellt von Paddock.
web-chart-alt-record = Der Rekord liegt bei { $cars } Autos.
web-chart-alt-latest = Zuletzt: { $counts }.
web-chart-title = { $series }: Autos pro Treffen
web-feed-name = Clubtreffen (Paddock)
web-feed-announcement = Ankündigung: { $url }

## End of section: web

## Section: recurring (one helper's keys; keep keys inside their section)

recurring-ask-edit = { $meet } wiederholt sich. Nur diesen Termin ({ $date }) ändern oder diesen und alle späteren?
recurring-ask-cancel = { $meet } wiederholt sich. Nur diesen Termin ({ $date }) absagen oder diesen und alle späteren?
recurring-dates-this = Nur diesen Termin
recurring-dates-later = Diesen und alle späteren
error-recurring-choice-expired = Diese Knöpfe sind abgelaufen (nach 15 Minuten), oder das Treffen gibt es nicht mehr. Führe den Befehl noch einmal aus.
error-recurring-choice-not-yours = Nur die Person, die den Befehl ausgeführt hat, kann das beantworten.
error-recurring-rsvp-before-range = `zusage_bis`: Zusagen können zwischen 5 Minuten und 28 Tagen vor jedem Termin schließen.
error-recurring-rsvp-before-first = `zusage_bis`: Für den ersten Termin wären die Zusagen schon geschlossen. Gib eine kürzere Zeit an, z. B. `1 Tag vorher`.
error-recurring-rsvp-before-this = `zusage_bis`: Für diesen Termin wären die Zusagen schon geschlossen. Gib eine kürzere Zeit an oder ändere einen späteren Termin.
error-recurring-rsvp-before-ahead = `zusage_bis`: Jeder Termin wird { $ahead } vorher angekündigt, also müssen die Zusagen kürzer davor schließen, z. B. `1 Tag vorher`.
error-recurring-rsvp-offset = `zusage_bis`: Ein wiederkehrendes Treffen braucht eine Zeit vor jedem Termin, z. B. `2 Tage vorher` oder `12h vorher`.
error-recurring-rsvp-needs-when = `zusage_bis`: `{ $typed }` zählt ab dem Beginn, gib also auch `wann` an.
recurring-rsvp-before = Zusagen schließen { $before } vor jedem Termin.
recurring-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
recurring-hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
recurring-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
error-recurring-later-ends = `ende` ändert nur einen Termin; lass `termine` weg oder wähle „Nur diesen Termin“.
recurring-preview-later = Diese Änderungen gelten für diesen und alle späteren Termine: { $rule }.
recurring-preview-later-kept = Spätere Termine, auf die schon jemand geantwortet hat, behalten ihre Uhrzeit; wer geantwortet hat, bekommt Bescheid.
recurring-preview-repeats = Wiederholt sich { $rule }; jeder Termin ist ein eigenes Treffen.

## End of section: recurring

## Section: outbox (one helper's keys; keep keys inside their section)

## End of section: outbox

## Section: shards (one helper's keys; keep keys inside their section)

## End of section: shards

## Section: qa (one helper's keys; keep keys inside their section)

# Ein Drehmomentband aus dem Katalog („1.500–4.500“), wie die Leistungszeile ihre Drehzahl schreibt.
qa-spec-rpm-band = { $band } U/min

# Die CSV-Einlassliste (/treffen teilnehmer export:true): Trennzeichen, Spalten, Status.
# Ein deutsches Excel trennt Spalten am Semikolon.
qa-csv-delimiter = ;
qa-csv-name = Name
qa-csv-user-id = Nutzer-ID
qa-csv-status = Status
qa-csv-car = Auto
qa-csv-passengers = Mitfahrer
qa-csv-rsvp-time = Antwort am
qa-csv-waitlist-position = Platz auf der Warteliste
qa-csv-status-going = dabei
qa-csv-status-waitlist = Warteliste
qa-csv-status-maybe = vielleicht
qa-csv-status-no = nicht dabei

## End of section: qa

## Section: polish (one helper's keys; keep keys inside their section)

# /meet list: a recurring meet's line (bot/render/series.py), after its rule and place.
meets-list-rsvp-before = Zusagen schließen { $before } vor jedem Termin

# The audit-log reason when Paddock opens a meet's thread (bot/flows/meets/threads.py).
meets-thread-reason = Diskussion zu Treffen #{ $id }

## End of section: polish

## Section: qa2 (one helper's keys; keep keys inside their section)

# The name of each further field when a big meet's Going list needs more than one.
qa2-going-continued = Zusagen (Fortsetzung)

## End of section: qa2

## Slash commands. Keys come from the command's place in the tree (bot/i18n/commands.py):
## cmd-<command path>.name/.description, cmd-<command path>-opt-<option>.name/.description,
## choice-<English choice name>. Names: lower case, no spaces, at most 32 characters.

cmd-about =
    .name = info-zu-paddock
    .description = Paddocks Version, Laufzeit, Latenz und was es für diesen Server speichert.
cmd-attendance =
    .name = anwesenheit
    .description = Der Live-Anwesenheitszähler bei einem Treffen.
cmd-attendance-start =
    .name = starten
    .description = Den Live-Anwesenheitszähler für ein Treffen posten (Organisatoren).
cmd-attendance-start-opt-meet =
    .name = treffen
    .description = Das Treffen, das gezählt wird
cmd-attendance-start-opt-channel =
    .name = kanal
    .description = Wohin der Live-Zähler kommt (Standard: dieser Kanal)
cmd-attendance-stop =
    .name = beenden
    .description = Den Zähler einfrieren, das Endergebnis speichern und eine Zusammenfassung posten (Organisatoren).
cmd-attendance-stop-opt-meet =
    .name = treffen
    .description = Das Treffen, dessen Zähler beendet wird
cmd-attendance-adjust =
    .name = korrigieren
    .description = Die Zählung des Teams um eine beliebige Zahl korrigieren (Organisatoren).
cmd-attendance-adjust-opt-meet =
    .name = treffen
    .description = Das Treffen, dessen Zähler korrigiert wird
cmd-attendance-adjust-opt-cars =
    .name = autos
    .description = Autos, die zur Teamzählung dazukommen (negativ zum Abziehen), z. B. 3 oder -2
cmd-attendance-adjust-opt-reason =
    .name = grund
    .description = Warum, fürs Protokoll, z. B. „Busgruppe angekommen“
cmd-attendance-status =
    .name = stand
    .description = Zählung, Check-ins, Teamzählung und Rekord eines Treffens anzeigen.
cmd-attendance-status-opt-meet =
    .name = treffen
    .description = Das Treffen (Standard: der Live-Zähler)
cmd-attendance-remove =
    .name = entfernen
    .description = Den Check-in eines Mitglieds aufheben; es kann später erneut einchecken (Organisatoren).
cmd-attendance-remove-opt-member =
    .name = mitglied
    .description = Das Mitglied mit falschem Check-in (z. B. „Ich bin da“ von zu Hause getippt)
cmd-attendance-remove-opt-reason =
    .name = grund
    .description = Warum, fürs Protokoll, z. B. „nicht beim Treffen“
cmd-attendance-remove-opt-meet =
    .name = treffen
    .description = Das Treffen (Standard: der Live-Zähler)
cmd-checkin =
    .name = einchecken
    .description = Dein Auto beim Treffen einchecken, wie der Knopf „Ich bin da“.
cmd-checkin-opt-meet =
    .name = treffen
    .description = Das Treffen, bei dem du bist (Standard: das mit Live-Zähler)
cmd-config =
    .name = einstellungen
    .description = Paddocks Einstellungen für diesen Server anzeigen oder ändern.
cmd-config-show =
    .name = anzeigen
    .description = Paddocks Einstellungen für diesen Server anzeigen.
cmd-config-timezone =
    .name = zeitzone
    .description = Die Zeitzone, in der Treffzeiten gelesen werden (Server verwalten).
cmd-config-timezone-opt-zone =
    .name = zone
    .description = Eine Stadt in jeder Sprache (Wien, 東京), ein Kürzel (MEZ) oder eine Zone (Europe/Berlin)
cmd-config-units =
    .name = einheiten
    .description = Die Standard-Einheiten für /specs (Server verwalten).
cmd-config-units-opt-units =
    .name = einheiten
    .description = Einheiten, die /specs standardmäßig nutzt
cmd-config-language =
    .name = sprache
    .description = Die Sprache öffentlicher Beiträge in diesem Server (Server verwalten).
cmd-config-language-opt-language =
    .name = sprache
    .description = Sprache für Ankündigungen, Zähler und Karten
cmd-config-meets-channel =
    .name = treffen-kanal
    .description = Der Kanal für Ankündigungen von Treffen (Server verwalten).
cmd-config-meets-channel-opt-channel =
    .name = kanal
    .description = Wohin Ankündigungen gehen; leer lassen zum Zurücksetzen
cmd-config-announce-channel =
    .name = ankündigungs-kanal
    .description = Der Kanal für Rekord-Meldungen (Server verwalten).
cmd-config-announce-channel-opt-channel =
    .name = kanal
    .description = Wohin Rekord-Meldungen gehen; leer lassen zum Zurücksetzen
cmd-config-organizer-role =
    .name = organisatoren-rolle
    .description = Die Rolle, die Treffen und Zähler organisieren darf (Server verwalten).
cmd-config-organizer-role-opt-role =
    .name = rolle
    .description = Mitglieder mit dieser Rolle verwalten Treffen und Zähler
cmd-config-announce-role =
    .name = rekord-rolle
    .description = Die Rolle, die beim Fall des Anwesenheitsrekords erwähnt wird (Server verwalten).
cmd-config-announce-role-opt-role =
    .name = rolle
    .description = Einmal erwähnt, wenn der Clubrekord fällt; leer für niemanden
cmd-config-owner-role =
    .name = besitzer-rolle
    .description = Die Rolle, die Paddock verifizierten Autobesitzern gibt (Server verwalten).
cmd-config-owner-role-opt-role =
    .name = rolle
    .description = Für Mitglieder mit verifiziertem Auto; leer lassen für keine
cmd-config-reminders =
    .name = erinnerungen
    .description = Wann Erinnerungen an Treffen verschickt werden (Server verwalten).
cmd-config-reminders-opt-times =
    .name = zeiten
    .description = Vor jedem Treffen, z. B. „24h, 1h“ oder „90m“; „aus“ für keine
cmd-config-milestones =
    .name = meilensteine
    .description = Alle N Autos einen Meilenstein am Live-Zähler posten (Server verwalten).
cmd-config-milestones-opt-every =
    .name = alle
    .description = Alle N Autos einen Meilenstein posten; 0 schaltet es ab
cmd-config-post-ahead =
    .name = vorlauf
    .description = Wie früh jeder Termin eines wiederkehrenden Treffens angekündigt wird (Server verwalten).
cmd-config-post-ahead-opt-ahead =
    .name = vorlauf
    .description = Wie lange vor jedem Termin angekündigt wird: „7d“, „48h“
cmd-config-calendar-link =
    .name = kalender-link
    .description = Links zum Kalender-Feed und zur Clubseite dieses Servers (Server verwalten).
cmd-config-calendar-link-opt-regenerate =
    .name = neu-erzeugen
    .description = Neue Links erzeugen; die alten hören sofort auf zu gehen (z. B. nach einem Leck)
cmd-config-meet-threads =
    .name = treffen-threads
    .description = Jedem neuen Treffen einen Diskussions-Thread geben, auch für Erinnerungen (Server verwalten).
cmd-config-meet-threads-opt-state =
    .name = zustand
    .description = an: jedes neue Treffen bekommt einen Thread unter seiner Ankündigung
cmd-garage =
    .name = garage
    .description = Deine Autos: einmal eintragen, und sie erscheinen überall, wo es zählt.
cmd-garage-add =
    .name = hinzufügen
    .description = Eines deiner Autos in deine Garage auf diesem Server eintragen (bis zu 10).
cmd-garage-add-opt-model =
    .name = modell
    .description = Tippen: ein Auto aus dem Katalog oder eigener Text, falls es fehlt
cmd-garage-add-opt-colour =
    .name = farbe
    .description = Die Werksfarbe (passend zum Modell vorgeschlagen) oder eigene Worte
cmd-garage-add-opt-year =
    .name = baujahr
    .description = Modelljahr
cmd-garage-add-opt-vin =
    .name = fin
    .description = 17 Zeichen; privat gespeichert, nur dir gezeigt
cmd-garage-add-opt-nickname =
    .name = spitzname
    .description = Der Name deines Autos (höchstens 50 Zeichen)
cmd-garage-show =
    .name = anzeigen
    .description = Die Autos eines Mitglieds: Modell, Jahr, Farbe, Spitzname und ob verifiziert.
cmd-garage-show-opt-member =
    .name = mitglied
    .description = Wessen Garage (Standard: deine)
cmd-garage-show-opt-public =
    .name = öffentlich
    .description = Für alle im Kanal posten (nie mit FIN)
cmd-garage-edit =
    .name = bearbeiten
    .description = Eines deiner Autos ändern.
cmd-garage-edit-opt-car =
    .name = auto
    .description = Eines deiner Autos
cmd-garage-edit-opt-model =
    .name = modell
    .description = Ein anderes Modell (aus dem Katalog oder eigener Text)
cmd-garage-edit-opt-colour =
    .name = farbe
    .description = Eine andere Farbe
cmd-garage-edit-opt-year =
    .name = baujahr
    .description = Modelljahr
cmd-garage-edit-opt-vin =
    .name = fin
    .description = Eine neue FIN (17 Zeichen; privat)
cmd-garage-edit-opt-clear-vin =
    .name = fin_löschen
    .description = Die gespeicherte FIN entfernen
cmd-garage-edit-opt-nickname =
    .name = spitzname
    .description = Ein neuer Spitzname; ein einzelnes „-“ löscht ihn
cmd-garage-remove =
    .name = entfernen
    .description = Eines deiner Autos aus deiner Garage entfernen.
cmd-garage-remove-opt-car =
    .name = auto
    .description = Das Auto, das entfernt wird (seine FIN wird mit gelöscht)
cmd-garage-privacy =
    .name = privatsphäre
    .description = Wählen, ob Organisatoren die letzten 7 Zeichen deiner FINs sehen.
cmd-garage-privacy-opt-organisers-see-vin-end =
    .name = organisatoren_sehen_fin_ende
    .description = Organisatoren sehen, dass eine FIN gespeichert ist, und ihre letzten 7 Zeichen
cmd-garage-verify =
    .name = verifizieren
    .description = Das Auto eines Mitglieds nach Prüfung der Papiere als verifiziert markieren (Organisatoren).
cmd-garage-verify-opt-member =
    .name = mitglied
    .description = Der Besitzer des Autos
cmd-garage-verify-opt-car =
    .name = auto
    .description = Eines seiner Autos
cmd-garage-verify-opt-verified =
    .name = verifiziert
    .description = Falsch nimmt die Markierung wieder weg
cmd-garage-clear-vin =
    .name = fin-entfernen
    .description = Die FIN vom Auto eines Mitglieds entfernen, z. B. bei Besitzerwechsel (Organisatoren).
cmd-garage-clear-vin-opt-member =
    .name = mitglied
    .description = Der Besitzer des Autos
cmd-garage-clear-vin-opt-car =
    .name = auto
    .description = Eines seiner Autos
cmd-meet =
    .name = treffen
    .description = Clubtreffen planen: Ankündigung, Zusagen, Warteliste, Erinnerungen.
cmd-meet-create =
    .name = erstellen
    .description = Ein Treffen ankündigen, zu dem Mitglieder zusagen können (Organisatoren).
cmd-meet-create-opt-title =
    .name = titel
    .description = Wie das Treffen heißt (bis zu 100 Zeichen)
cmd-meet-create-opt-when =
    .name = wann
    .description = Beginn in der Zeitzone des Servers: 2027-08-21 10:00, 21.08.2027 10:00, nächsten Samstag 10:00
cmd-meet-create-opt-location =
    .name = ort
    .description = Wo man sich trifft (bis zu 100 Zeichen)
cmd-meet-create-opt-capacity =
    .name = plätze
    .description = Höchstzahl der Autos (1–10000); leer für unbegrenzt
cmd-meet-create-opt-description =
    .name = beschreibung
    .description = Details: Route, Kosten, was mitzubringen ist (bis zu 1000 Zeichen)
cmd-meet-create-opt-channel =
    .name = kanal
    .description = Wohin die Ankündigung kommt; Standard ist der Treffen-Kanal
cmd-meet-create-opt-series =
    .name = reihe
    .description = Eine Bezeichnung wie „Nürburgring“, die jährliche Treffen für Rekorde verbindet
cmd-meet-create-opt-repeat =
    .name = wiederholen
    .description = Ein wiederkehrendes Treffen: jeder Termin ist ein eigenes Treffen, vorab angekündigt
cmd-meet-create-opt-every =
    .name = alle
    .description = Mit wiederholen: alle N Wochen oder Monate (Standard 1)
cmd-meet-create-opt-until =
    .name = bis
    .description = Mit wiederholen: der letzte mögliche Tag, z. B. 2027-12-31
cmd-meet-create-opt-times =
    .name = anzahl
    .description = Mit wiederholen: wie viele Termine insgesamt (2–520)
cmd-meet-create-opt-ends =
    .name = ende
    .description = Wie lange (3h, 90m) oder wann es endet (16:00); Standard 4 Stunden
cmd-meet-create-opt-rsvp-by =
    .name = zusage_bis
    .description = Wann Zusagen schließen, z. B. Freitag 18:00; Standard ist der Beginn
cmd-meet-edit =
    .name = bearbeiten
    .description = Ein Treffen ändern; Zusagende erfahren von neuer Zeit oder neuem Ort (Organisatoren).
cmd-meet-edit-opt-meet =
    .name = treffen
    .description = Das Treffen, das geändert wird
cmd-meet-edit-opt-title =
    .name = titel
    .description = Neuer Titel (bis zu 100 Zeichen)
cmd-meet-edit-opt-when =
    .name = wann
    .description = Neuer Beginn in der Zeitzone des Servers, z. B. 2027-08-21 10:00
cmd-meet-edit-opt-location =
    .name = ort
    .description = Neuer Ort (bis zu 100 Zeichen)
cmd-meet-edit-opt-capacity =
    .name = plätze
    .description = Neue Höchstzahl (1–10000); weniger Plätze entfernen niemanden, der zugesagt hat
cmd-meet-edit-opt-ends =
    .name = ende
    .description = Neue Dauer (3h, 90m) oder neues Ende (16:00)
cmd-meet-edit-opt-rsvp-by =
    .name = zusage_bis
    .description = Neue Zusagefrist, z. B. Freitag 18:00
cmd-meet-edit-opt-description =
    .name = beschreibung
    .description = Neue Details (bis zu 1000 Zeichen)
cmd-meet-edit-opt-series =
    .name = reihe
    .description = Neue Reihe für Rekorde, z. B. „Nürburgring“; „keine“ für den ganzen Server
cmd-meet-edit-opt-dates =
    .name = termine
    .description = Bei wiederkehrenden Treffen: nur diesen Termin ändern oder diesen und alle späteren
cmd-meet-cancel =
    .name = absagen
    .description = Ein Treffen absagen und allen mit Zusage oder Vielleicht Bescheid geben (Organisatoren).
cmd-meet-cancel-opt-meet =
    .name = treffen
    .description = Das Treffen, das abgesagt wird
cmd-meet-cancel-opt-reason =
    .name = grund
    .description = Wird den Mitgliedern mitgeteilt (bis zu 300 Zeichen)
cmd-meet-cancel-opt-dates =
    .name = termine
    .description = Bei wiederkehrenden Treffen: nur diesen Termin absagen oder diesen und alle späteren
cmd-meet-attendees =
    .name = teilnehmer
    .description = Alle, die geantwortet haben, mit Autos und Mitfahrern (Organisatoren).
cmd-meet-attendees-opt-meet =
    .name = treffen
    .description = Das Treffen
cmd-meet-attendees-opt-export =
    .name = export
    .description = Zusätzlich eine CSV-Einlassliste anhängen
cmd-meet-list =
    .name = liste
    .description = Die kommenden Treffen dieses Servers anzeigen.
cmd-meet-info =
    .name = details
    .description = Details eines Treffens und ein Link zu seiner Ankündigung.
cmd-meet-info-opt-meet =
    .name = treffen
    .description = Das Treffen
cmd-meet-calendar =
    .name = kalender
    .description = Eine .ics-Datei, um ein Treffen in deinen Kalender einzutragen.
cmd-meet-calendar-opt-meet =
    .name = treffen
    .description = Das Treffen für deinen Kalender
cmd-meet-notify =
    .name = benachrichtigung
    .description = Wählen, wie Paddock dir auf diesem Server von deinen Treffen erzählt.
cmd-meet-notify-opt-via =
    .name = per
    .description = Wie du von Nachrücken, Änderungen und Absagen erfährst
cmd-meet-mine =
    .name = meine
    .description = Deine eigenen Antworten auf anstehende Treffen, mit Links.
cmd-rsvp =
    .name = zusage
    .description = Auf ein Treffen antworten: dabei, vielleicht oder nicht dabei, mit deinem Auto.
cmd-rsvp-opt-meet =
    .name = treffen
    .description = Das Treffen, auf das du antwortest
cmd-rsvp-opt-status =
    .name = antwort
    .description = Kommst du?
cmd-rsvp-opt-car =
    .name = auto
    .description = Das Auto, mit dem du kommst (bis zu 80 Zeichen)
cmd-rsvp-opt-passengers =
    .name = mitfahrer
    .description = Wie viele Mitfahrer du mitbringst (0–8)
cmd-rsvp-opt-member =
    .name = mitglied
    .description = Organisatoren: für dieses Mitglied antworten (auch nach der Zusagefrist)
cmd-records =
    .name = rekorde
    .description = Die Anwesenheitsrekorde des Clubs.
cmd-records-show =
    .name = anzeigen
    .description = Anwesenheitsrekord und Verlauf anzeigen, mit Diagramm.
cmd-records-show-opt-series =
    .name = reihe
    .description = Eine Treffen-Reihe, z. B. „1M Meet“ (Standard: der ganze Server)
cmd-records-import =
    .name = importieren
    .description = Anwesenheit eines früheren Treffens eintragen, als Rekord zum Schlagen (Organisatoren).
cmd-records-import-opt-count =
    .name = anzahl
    .description = Wie viele Autos kamen, 0 bis 100.000
cmd-records-import-opt-date =
    .name = datum
    .description = Wann es stattfand, JJJJ-MM-TT, z. B. 2023-08-26
cmd-records-import-opt-label =
    .name = bezeichnung
    .description = Der Name des Treffens, z. B. „1M Meet 2023“
cmd-records-import-opt-series =
    .name = reihe
    .description = Die Treffen-Reihe, zu der es gehört (Standard: der ganze Server)
cmd-records-remove =
    .name = entfernen
    .description = Einen falschen Import rückgängig machen (Organisatoren).
cmd-records-remove-opt-entry =
    .name = eintrag
    .description = Das importierte Treffen, das entfernt wird
cmd-register =
    .name = register
    .description = Das Clubregister: die Autos der Mitglieder nach Modell, Farbe und Jahr gezählt.
cmd-register-overview =
    .name = übersicht
    .description = Die Autos des Clubs: nach Farbe, nach Jahr, verifiziert und Anteil an der Produktion.
cmd-register-overview-opt-model =
    .name = modell
    .description = Ein Modell (Standard: die ganze Garage)
cmd-register-colours =
    .name = farben
    .description = Jede Werksfarbe eines Modells mit der Zahl im Club, Nullen eingeschlossen.
cmd-register-colours-opt-model =
    .name = modell
    .description = Ein Modell aus dem Katalog
cmd-specs =
    .name = daten
    .description = Die technischen Daten eines Autos aus dem Clubkatalog, oder zwei Autos im Vergleich.
cmd-specs-opt-model =
    .name = modell
    .description = Das Auto: Modell, Baureihe oder Spitzname tippen, z. B. 1M oder E46 M3
cmd-specs-opt-compare =
    .name = vergleich
    .description = Ein zweites Auto zum direkten Vergleich
cmd-specs-opt-units =
    .name = einheiten
    .description = Metrisch oder imperial; Standard ist /config units des Servers
choice-metric = metrisch
choice-imperial = imperial
choice-a-mention-in-the-meet-channel = eine Erwähnung im Treffen-Kanal
choice-a-direct-message = eine Direktnachricht
choice-going = dabei
choice-maybe = vielleicht
choice-not-going = nicht dabei
choice-english = English
choice-deutsch = Deutsch
choice-every-week-or-every-n-weeks-with-every = jede Woche (oder alle N Wochen, mit der Option „alle“)
choice-every-month-on-this-date-e-g-the-14th = jeden Monat an diesem Datum (z. B. am 14.)
choice-every-month-on-this-weekday-e-g-the-first-sunday = jeden Monat an diesem Wochentag (z. B. erster Sonntag)
choice-every-month-on-the-last-such-weekday = jeden Monat an diesem Wochentag, dem letzten im Monat (z. B. letzter Samstag)
choice-this-date-only = nur dieser Termin
choice-this-and-all-later-dates = dieser und alle späteren Termine
choice-on = an
choice-off = aus

## Section: cata (one helper's keys; keep keys inside their section)

# Eine Katalogangabe (Leergewicht, Höchstgeschwindigkeit, Drehmoment), die keine gespeicherte Quelle nennt.
spec-figure-not-known = nicht bekannt

## End of section: cata

## Section: qagarage (one helper's keys; keep keys inside their section)

# /garage bearbeiten mit neuer FIN und fin_löschen:true zugleich.
qagarage-error-vin-and-clear-vin = Gib eine neue `fin` oder `fin_löschen` an, nicht beides: eine neue FIN ersetzt die alte sowieso.
# /garage bearbeiten nur mit dem Auto: nichts zu ändern.
qagarage-error-edit-nothing = Nichts zu ändern: gib zum Auto an, was sich ändern soll, z. B. `farbe` oder `spitzname` (ein einzelnes `-` löscht den Spitznamen).
# /einstellungen besitzer-rolle mit @everyone oder einer Rolle, die eine Integration verwaltet.
qagarage-error-owner-role-not-assignable = { $role } kann kein Bot an Mitglieder vergeben: Das ist die Rolle des ganzen Servers oder eine, die eine Integration verwaltet (die eines Bots, der Booster). Wähl eine eigene Rolle.
# /einstellungen rekord-rolle mit @everyone: Paddock erwähnt nie den ganzen Server.
qagarage-error-announce-role-everyone = Paddock erwähnt nie den ganzen Server. Wähl eine Rolle, die Mitglieder für Rekord-Neuigkeiten annehmen können, oder lass `rolle` leer, dann wird niemand erwähnt.
# /info-zu-paddock: die Autos in den Garagen dieses Servers, und wie viele davon eine FIN haben.
qagarage-about-garage = { $count ->
    [one] { $count } Auto in Garagen
   *[other] { $count } Autos in Garagen
} ({ $vins } mit FIN)

## End of section: qagarage

## Section: deloc (one helper's keys; keep keys inside their section)

# Eigene Worte eines Mitglieds im Fließtext: der Spitzname eines Autos. Deutsch zitiert „so“ (innen ‚so‘).
quoted = „{ $text }“
# Die Begründung im Audit-Log, wenn Paddock die Rolle für verifizierte Besitzer gibt oder nimmt.
garage-role-reason-given = Paddock: Besitzer eines verifizierten Autos
garage-role-reason-taken = Paddock: kein verifiziertes Auto mehr

## End of section: deloc

## Section: qameets (one helper's keys; keep keys inside their section)

# Vorschau von Änderungen an diesem und späteren Terminen, wenn auf den bearbeiteten Termin schon geantwortet wurde.
qameets-preview-this-kept = Auf diesen Termin haben schon Mitglieder geantwortet, deshalb behält er seine Uhrzeit; spätere Termine ohne Antworten werden auf die neue Uhrzeit verlegt.

## End of section: qameets

## Section: dates (one helper's keys; keep keys inside their section)

# Wenn ein getipptes Datum oder eine Zeit nicht geht (bot/services/meets/timeparse.py).
error-dates-no-such-day = `{ $name }`: Der { $month } hat { $days } Tage, einen { $day }. { $monthname } gibt es also nicht. Prüf das Datum.
error-dates-other-zone = `{ $name }`: Ich lese Zeiten in der Zeitzone des Servers, { $zone }, nicht in { $typed }. Gib die Zeit in { $zone } an und lass `{ $typed }` weg.

# Die Zeile zum Ende in der Vorschau (bot/render/meets.py): wie lange das Treffen dauert.
dates-preview-ends = Endet { $when }, { $length } nach dem Beginn
dates-preview-long = ⚠️ Das sind mehr als 12 Stunden. Wenn du eine Dauer meintest, gib `{ $name }` als Dauer an, z. B. `3h30` oder `90 min`.
dates-length-hours = { $hours ->
    [one] 1 Stunde
   *[other] { $hours } Stunden
}
dates-length-minutes = { $minutes ->
    [one] 1 Minute
   *[other] { $minutes } Minuten
}
dates-length-hours-minutes = { $hours ->
    [one] 1 Stunde
   *[other] { $hours } Stunden
} { $minutes ->
    [one] 1 Minute
   *[other] { $minutes } Minuten
}

## End of section: dates

## Section: pg18 (one helper's keys; keep keys inside their section)

## End of section: pg18

## Section: meets3 (one helper's keys; keep keys inside their section)

# The calendar feed's description of a cancelled meet (calendar apps show DESCRIPTION).
web-feed-cancelled = Abgesagt.
web-feed-cancelled-because = Abgesagt: { $reason }
# A typed date whose month is over 12: numeric dates are day first (timeparse.py).
error-dates-no-such-month = `{ $name }`: `{ $typed }` hat keinen Monat { $month }. Ein Datum schreibst du mit dem Tag zuerst, Tag.Monat.Jahr: z. B. `31.12.2027`.
error-dates-day-first = `{ $name }`: `{ $typed }` hat keinen Monat { $month }. Ein Datum schreibst du mit dem Tag zuerst, Tag.Monat.Jahr: für { $meant } gib `{ $suggest }` ein.
error-dates-no-such-month-iso = `{ $name }`: `{ $typed }` hat keinen Monat { $month }. Diese Form ist Jahr-Monat-Tag: z. B. `2027-12-31`.
error-dates-iso-swapped = `{ $name }`: `{ $typed }` hat keinen Monat { $month }. Diese Form ist Jahr-Monat-Tag: für { $meant } gib `{ $suggest }` ein.
# /meet calendar on a cancelled meet: the file still matters, it marks the event cancelled.
meets-calendar-file-cancelled = { $meet } ist abgesagt. Wenn es schon in deinem Kalender steht, öffne die Datei, damit es dort als abgesagt markiert wird.
# A mention in meet text whose name the bot doesn't know, in the calendar file and feed.
mention-unknown-member = Mitglied
mention-unknown-role = Rolle
mention-unknown-channel = Kanal
# The calendar feed's name (X-WR-CALNAME) with the server's name.
web-feed-name-club = { $club }: Clubtreffen (Paddock)

## End of section: meets3

## Section: garage3 (one helper's keys; keep keys inside their section)

# /garage verify on a car already in the state asked for: nothing was changed.
garage3-already-verified = { $model } in { $colour } von { $member } ist schon verifiziert; nichts geändert.
garage3-already-unverified = { $model } in { $colour } von { $member } ist gar nicht verifiziert; da gibt es nichts zurückzunehmen.

# /garage add or edit: typed text (not picked from the list) that fits several catalogue
# cars, or one only roughly; $options are the closest cars, bold, closest first.
garage3-error-model-several = { $count ->
    [one] Kein Auto im Katalog heißt genau „{ $text }“; am nächsten kommt { $options }.
   *[other] „{ $text }“ passt auf mehrere Autos im Katalog; am nächsten kommen { $options }.
} Wähl deins beim Tippen aus der Liste, oder wähl dort „{ $text } ({ garage-not-in-catalogue })“, wenn der Katalog es nicht hat.
# The same for typed text that fits no catalogue car at all.
garage3-error-model-unknown = Im Katalog heißt kein Auto „{ $text }“. Wenn deins fehlt, wähl beim Tippen „{ $text } ({ garage-not-in-catalogue })“ aus der Liste: dann wird es als dein eigener Text gespeichert.
# /register overview with a model no member's car matches; $options: models that are in the garage.
garage3-error-register-no-match = Kein Auto von Mitgliedern auf diesem Server passt zu „{ $text }“. Versuch es mit { $options }: wähl beim Tippen eins aus der Liste, oder lass `modell` leer für die ganze Garage.

## End of section: garage3

## Section: search3 (one helper's keys; keep keys inside their section)

## End of section: search3

## Section: qa3a (one helper's keys; keep keys inside their section)

error-meets-when-range = `wann`: `{ $text }` nennt Beginn und Ende. Gib hier den Beginn an, z. B. `{ $start }`, und das Ende mit `ende`, z. B. `{ $end }` (in /treffen erstellen oder /treffen bearbeiten); ohne Ende dauert ein Treffen 4 Stunden.
## End of section: qa3a

## Section: qa3b (one helper's keys; keep keys inside their section)
qa3b-error-organizer-role-everyone = Mit @everyone als Organisatoren-Rolle könnte jedes Mitglied Treffen absagen, Autos verifizieren und FINs löschen. Wähl die Rolle deiner Organisatoren, oder lass `rolle` leer, dann organisieren Mitglieder mit „Events verwalten“.
qa3b-garage-role-failed = Discord hat die Änderung an der Rolle { $role } gerade nicht angenommen; ein Organisator kann sie in den Servereinstellungen von Hand vergeben oder entziehen.
qa3b-web-title-of = { $server }: Clubtreffen

## End of section: qa3b

## Section: meets4 (one helper's keys; keep keys inside their section)

meets4-moved-up = { $count ->
    [one] 1 Mitglied ist von der Warteliste nachgerückt und hat Bescheid bekommen.
   *[other] { $count } Mitglieder sind von der Warteliste nachgerückt und haben Bescheid bekommen.
}
meets4-date-cancelled-because = **abgesagt**: { $reason }
## End of section: meets4

## Section: help4 (one helper's keys; keep keys inside their section)

spec-displacement = { $cc } cm³

help-title = Paddock: was es kann
help-intro = Paddock organisiert die Treffen deines Autoclubs auf Discord: Ankündigungen mit Zusage-Knöpfen und Erinnerungen, ein Live-Zähler beim Treffen und der Anwesenheitsrekord, den es zu schlagen gilt, die Garagen der Mitglieder und das Clubregister, dazu technische Daten aus dem Fahrzeugkatalog. Klick einen Befehl an, um ihn zu starten.
help-tip = { $help } mit `{ $option }` zeigt einen Befehl im Detail, mit all seinen Optionen.
help-section-meets = Treffen
help-section-counter = Live-Zähler und Rekorde
help-section-garage = Garage und Register
help-section-specs = Fahrzeugdaten
help-section-setup = Einrichtung
help-section-other = Weiteres
help-for-organisers = { $section }: für Organisatoren
help-for-manage-server = { $section }: mit „Server verwalten“
help-continued = { $section } (Fortsetzung)
help-options = Optionen
help-no-options = Keine Optionen.
help-required = Pflicht
help-audience-organisers = Nur Organisatoren können das benutzen: Mitglieder mit „Events verwalten“ oder der Organisator-Rolle.
help-audience-manage-server = Nur Mitglieder mit „Server verwalten“ können das benutzen.
error-help-unknown-command = Einen Befehl `{ $text }` gibt es nicht. Wähl einen aus der Liste, die `{ $name }` anbietet, oder lass `{ $name }` leer für die Übersicht.
cmd-help =
    .name = hilfe
    .description = Anzeigen, was Paddock kann und welche Befehle du hier benutzen kannst.
cmd-help-opt-command =
    .name = befehl
    .description = Ein Befehl, im Detail gezeigt, mit all seinen Optionen

error-meets-half-hour = `{ $name }`: `{ $text }` heißt in Großbritannien { $later }, auf Deutsch aber { $earlier }. Gib die Uhrzeit selbst ein: `{ $later }` oder `{ $earlier }`.

## End of section: help4

## Section: reg4 (one helper's keys; keep keys inside their section)

reg4-generation-not-given = { $model } (Generation nicht angegeben)
reg4-error-pick-generation = Zu „{ $text }“ gibt es { $count } Autos im Katalog, jedes mit eigenen Werksfarben: { $options }. Wähl beim Tippen eins aus der Liste, z. B. „{ $text } { $example }“.
reg4-all-generations = { $model }: alle { $count } aus dem Katalog, einzeln gezählt
reg4-decade = { $decade }er
reg4-decade-short = { $short }er
reg4-year-span = { $first }–{ $last }
reg4-chart-no-year = { $count } ohne Baujahr

## End of section: reg4

## Section: pg19 (one helper's keys; keep keys inside their section)

## End of section: pg19

## Section: qa4a (one helper's keys; keep keys inside their section)
qa4a-records-none-did-you-mean = Kein Anwesenheitsverlauf für { $series }. Meintest du **{ $suggestion }**? Wähl es aus der Liste.
qa4a-progress-over = { $margin } über dem Rekord von { $record }

## End of section: qa4a

## Section: qa4b (one helper's keys; keep keys inside their section)

qa4b-web-chart-alt-series = { $count ->
    [one] Balkendiagramm der Autos beim letzten Treffen von { $name }.
   *[other] Balkendiagramm der Autos bei den letzten { $count } Treffen von { $name }.
}
qa4b-web-chart-alt-all = { $count ->
    [one] Balkendiagramm der Autos beim letzten Treffen des Clubs.
   *[other] Balkendiagramm der Autos bei den letzten { $count } Treffen des Clubs.
}
## End of section: qa4b
