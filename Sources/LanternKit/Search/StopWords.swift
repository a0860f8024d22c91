/// Stop words of each language (one table each; `Analyzer` picks the table): never scored,
/// but matched inside quoted phrases.
///
/// This is their one definition: the builder writes the list into every index
/// (`"stopWords"`), and both engines (Swift and search.js) read it from there.
enum StopWords {
    /// English: the Snowball list.
    static let list: [String] = """
        a about above after again against all am an and any are aren't as at be because been \
        before being below between both but by can't cannot could couldn't did didn't do does \
        doesn't doing don't down during each few for from further had hadn't has hasn't have \
        haven't having he he'd he'll he's her here here's hers herself him himself his how \
        how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most \
        mustn't my myself no nor not of off on once only or other ought our ours ourselves out \
        over own same shan't she she'd she'll she's should shouldn't so some such than that \
        that's the their theirs them themselves then there there's these they they'd they'll \
        they're they've this those through to too under until up very was wasn't we we'd we'll \
        we're we've were weren't what what's when when's where where's which while who who's \
        whom why why's with won't would wouldn't you you'd you'll you're you've your yours \
        yourself yourselves
        """.split(separator: " ").map(String.init)

    /// Spanish: Snowball's list (the Spanish stemmer's stop.txt), less "estado", "estados",
    /// "estada" and "estadas", which also mean "state" ("estado de ánimo": mood). Written with
    /// their accents; the Spanish analyzer folds them ("está" and "esta" are one stop word).
    static let spanish: [String] = """
        de la que el en y a los del se las por un para con no una su al lo como más pero sus le \
        ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien \
        desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes \
        algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual \
        poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas nosotras \
        vosotros vosotras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas \
        nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas \
        estoy estás está estamos estáis están esté estés estemos estéis estén estaré estarás \
        estará estaremos estaréis estarán estaría estarías estaríamos estaríais estarían estaba \
        estabas estábamos estabais estaban estuve estuviste estuvo estuvimos estuvisteis \
        estuvieron estuviera estuvieras estuviéramos estuvierais estuvieran estuviese estuvieses \
        estuviésemos estuvieseis estuviesen estando estad \
        he has ha hemos habéis han haya hayas hayamos hayáis hayan habré habrás habrá habremos \
        habréis habrán habría habrías habríamos habríais habrían había habías habíamos habíais \
        habían hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubiéramos \
        hubierais hubieran hubiese hubieses hubiésemos hubieseis hubiesen habiendo habido habida \
        habidos habidas \
        soy eres es somos sois son sea seas seamos seáis sean seré serás será seremos seréis \
        serán sería serías seríamos seríais serían era eras éramos erais eran fui fuiste fue \
        fuimos fuisteis fueron fuera fueras fuéramos fuerais fueran fuese fueses fuésemos \
        fueseis fuesen siendo sido \
        tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos tengáis tengan tendré \
        tendrás tendrá tendremos tendréis tendrán tendría tendrías tendríamos tendríais tendrían \
        tenía tenías teníamos teníais tenían tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera \
        tuvieras tuviéramos tuvierais tuvieran tuviese tuvieses tuviésemos tuvieseis tuviesen \
        teniendo tenido tenida tenidos tenidas tened
        """.split(separator: " ").map(String.init)
}
