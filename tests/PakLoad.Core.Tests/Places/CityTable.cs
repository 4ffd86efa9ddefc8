namespace PakLoad.Core.Tests.Places;

/// <summary>The 44 cities of freight-domain.md §5.3, typed from the table, independent of locales/lexicon/places.json.</summary>
public static class CityTable
{
    /// <summary>(expected id, English name, Urdu-script name, a common Roman-Urdu spelling, province)</summary>
    public static TheoryData<string, string, string, string, string> Rows => new()
    {
        { "karachi", "Karachi", "کراچی", "karachi", "Sindh" },
        { "lahore", "Lahore", "لاہور", "lahor", "Punjab" },
        { "faisalabad", "Faisalabad", "فیصل آباد", "faislabad", "Punjab" },
        { "rawalpindi", "Rawalpindi", "راولپنڈی", "pindi", "Punjab" },
        { "gujranwala", "Gujranwala", "گوجرانوالہ", "gujrawala", "Punjab" },
        { "multan", "Multan", "ملتان", "multaan", "Punjab" },
        { "hyderabad", "Hyderabad", "حیدرآباد", "haiderabad", "Sindh" },
        { "peshawar", "Peshawar", "پشاور", "pishawar", "KhyberPakhtunkhwa" },
        { "quetta", "Quetta", "کوئٹہ", "kwetta", "Balochistan" },
        { "islamabad", "Islamabad", "اسلام آباد", "islambad", "IslamabadCapitalTerritory" },
        { "sargodha", "Sargodha", "سرگودھا", "sargodha", "Punjab" },
        { "sialkot", "Sialkot", "سیالکوٹ", "sialkot", "Punjab" },
        { "bahawalpur", "Bahawalpur", "بہاولپور", "bhawalpur", "Punjab" },
        { "sukkur", "Sukkur", "سکھر", "sakhar", "Sindh" },
        { "larkana", "Larkana", "لاڑکانہ", "larkano", "Sindh" },
        { "sheikhupura", "Sheikhupura", "شیخوپورہ", "shekhupura", "Punjab" },
        { "rahim-yar-khan", "Rahim Yar Khan", "رحیم یار خان", "raheem yar khan", "Punjab" },
        { "jhang", "Jhang", "جھنگ", "jhang", "Punjab" },
        { "dera-ghazi-khan", "Dera Ghazi Khan", "ڈیرہ غازی خان", "d g khan", "Punjab" },
        { "gujrat", "Gujrat", "گجرات", "gujrat", "Punjab" },
        { "sahiwal", "Sahiwal", "ساہیوال", "sahiwal", "Punjab" },
        { "wah-cantt", "Wah Cantt", "واہ کینٹ", "wah", "Punjab" },
        { "mardan", "Mardan", "مردان", "mardan", "KhyberPakhtunkhwa" },
        { "kasur", "Kasur", "قصور", "qasur", "Punjab" },
        { "okara", "Okara", "اوکاڑہ", "okara", "Punjab" },
        { "mingora", "Mingora", "مینگورہ", "swat", "KhyberPakhtunkhwa" },
        { "nawabshah", "Nawabshah", "نوابشاہ", "nawabshah", "Sindh" },
        { "chiniot", "Chiniot", "چنیوٹ", "chinot", "Punjab" },
        { "mirpur-khas", "Mirpur Khas", "میرپور خاص", "meerpur khas", "Sindh" },
        { "sadiqabad", "Sadiqabad", "صادق آباد", "sadiqabad", "Punjab" },
        { "jhelum", "Jhelum", "جہلم", "jehlum", "Punjab" },
        { "khanewal", "Khanewal", "خانیوال", "khanewal", "Punjab" },
        { "kohat", "Kohat", "کوہاٹ", "kohat", "KhyberPakhtunkhwa" },
        { "dera-ismail-khan", "Dera Ismail Khan", "ڈیرہ اسماعیل خان", "d i khan", "KhyberPakhtunkhwa" },
        { "abbottabad", "Abbottabad", "ایبٹ آباد", "abbotabad", "KhyberPakhtunkhwa" },
        { "muzaffargarh", "Muzaffargarh", "مظفر گڑھ", "muzafargarh", "Punjab" },
        { "jacobabad", "Jacobabad", "جیکب آباد", "jacobabad", "Sindh" },
        { "kotri", "Kotri", "کوٹری", "kotri", "Sindh" },
        { "khuzdar", "Khuzdar", "خضدار", "khuzdar", "Balochistan" },
        { "gwadar", "Gwadar", "گوادر", "gawadar", "Balochistan" },
        { "chaman", "Chaman", "چمن", "chaman", "Balochistan" },
        { "turbat", "Turbat", "تربت", "turbat", "Balochistan" },
        { "muzaffarabad", "Muzaffarabad", "مظفر آباد", "muzafarabad", "AzadKashmir" },
        { "gilgit", "Gilgit", "گلگت", "gilgit", "GilgitBaltistan" },
    };
}
