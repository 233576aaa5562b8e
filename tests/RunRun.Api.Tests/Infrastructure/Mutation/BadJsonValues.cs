namespace RunRun.Api.Tests.Infrastructure.Mutation;

/// <summary>JSON values no rule of the API accepts in the field they are named for, for <see cref="MutatedInputTests"/>.</summary>
internal static class BadJsonValues
{
    // The API refuses bodies over 64 KiB; this string alone is past that.
    public static readonly string Huge = Quote(new string('h', 70_000));
    public static readonly string Long = Quote(new string('x', 5_000));

    // Deserialization refuses these whatever field they are in: lone or reversed surrogates, escapes
    // that are not JSON, raw control characters inside a string, an unterminated string.
    public static readonly string[] Broken =
    [
        "\"\\ud800\"", "\"x\\udfffy\"", "\"\\udc00\\ud800\"", "\"\\x41\"", "\"\\u12G4\"", "\"a\u0001b\"", "\"tab\there\"", "\"open",
    ];

    // A string field set to any other JSON type, or to a broken string.
    public static readonly string[] NotStrings = ["0", "5", "-1", "1e400", "true", "false", "[]", "[\"x\"]", "{}", "{\"value\":\"x\"}", .. Broken];

    // A number field set to another JSON type, to a string that does not read as a number (the web
    // defaults read numbers from strings, so "5" would be a valid number and is not here), or to
    // something that is not a JSON number at all.
    public static readonly string[] NotNumbers =
    [
        "\"\"", "\"abc\"", "\"🎉\"", "\"\\ud800\"", "\"1e400\"", "\"NaN\"", "\"0x10\"", "true", "false", "[]", "[1]", "{}", "{\"value\":1}",
        "01", "+1", "NaN", "-Infinity", ".5", "1.", "1e", "0x10", "- 1",
    ];

    // Numbers no integer field of the API holds: fractional, or past long (some written with an exponent).
    public static readonly string[] NeverIntegers = ["1.5", "0.5", "5e-1", "1e400", "-1e400", "1e30", "9223372036854775808", "-9223372036854775809"];

    // No address: none has one '@' before a dotted domain without empty labels and without spaces or control characters.
    public static readonly string[] NotAddresses =
    [
        "\"\"", "\"   \"", "\"abc\"", "\"🎉\"", "\"a@b\"", "\"@runrun.test\"", "\"a@@runrun.test\"", "\"a b@runrun.test\"", "\"a@runrun..test\"",
        "\"a@runrun.test.\"", "\"a\\u0000b@runrun.test\"", Quote(new string('e', 300) + "@runrun.test"), Long, Huge,
    ];

    // Blank, with control characters, or longer than the 100 (display name) or 200 (product name) characters allowed.
    public static readonly string[] NotNames =
    [
        "\"\"", "\"   \"", "\"\\t\\n\\r\"", "\"bad\\u0000name\"", "\"ding\\u0007\"", "\"x\\u007fy\"", "\"\\u009b\"", Emoji(201), Quote(new string('n', 201)), Long, Huge,
    ];

    // Shorter than 8 or longer than 128 characters.
    public static readonly string[] NotPasswords =
    [
        "\"\"", "\"   \"", "\"abc\"", "\"1234567\"", Emoji(7), "\"a\\u0000b\"", Quote(new string('p', 129)), Emoji(129), Long, Huge,
    ];

    // Any string but the account's password is a wrong one.
    public static readonly string[] WrongPasswords =
    [
        "\"\"", "\"   \"", "\"abc\"", "\"🎉\"", "\"wrong-password-1\"", "\"CORRECT-HORSE-BATTERY\"", "\"correct-horse-battery \"", Quote(new string('p', 129)), Long, Huge,
    ];

    public static readonly string[] NotArraysOfRoles = ["\"seller\"", "5", "true", "{}", "{\"0\":\"seller\"}", .. Broken];

    // Role lists sign-up refuses (400), or refuses to open (403, for the operator role).
    public static readonly string[] NotRoleLists =
    [
        "[\"operator\"]", "[\"Weird\"]", "[4]", "[null]", "[[\"seller\"]]", "[\"seller\",\"abc\"]", "[\"\"]", "[\"none\"]", "[\"0\"]", "[\"1\"]", "[\"-1\"]",
    ];

    // One role. Leaving it out would leave an empty list, which is valid; null is not.
    public static readonly string[] NotRoleStrings = ["null", "5", "true", "[]", "{}", .. Broken];

    // Not "shopper" or "seller", in any case.
    public static readonly string[] NotRoles =
    [
        "\"abc\"", "\"\"", "\"operator\"", "\"Operator\"", "\"none\"", "\"0\"", "\"1\"", "\"seller,operator\"", "\"shopper seller\"", Long,
    ];

    // Past the description's 4000 characters.
    public static readonly string[] NotDescriptions = [Quote(new string('d', 4_001)), Emoji(4_001), Long, Huge];

    public static readonly string[] NotObjects = ["\"1000 KRW\"", "1000", "true", "[]", "[1000,\"KRW\"]", .. Broken];

    public static readonly string[] NotPrices =
    [
        "{}", "{\"amount\":1000}", "{\"currency\":\"KRW\"}", "{\"amount\":1000,\"currency\":null}", "{\"amount\":-1,\"currency\":\"KRW\"}", "{\"amount\":1000,\"currency\":\"krw\"}",
    ];

    // Negative, or not an integer a long holds.
    public static readonly string[] NotAmounts = ["-1", "-1e2", "\"-1\"", .. NeverIntegers];

    // Not three upper-case ASCII letters.
    public static readonly string[] NotCurrencies =
    [
        "\"\"", "\"   \"", "\"krw\"", "\"KR\"", "\"KRWW\"", "\"K1W\"", "\"ＫＲＷ\"", "\"KRW \"", "\"KR\\u0000\"", "\"🎉\"", Long, Huge,
    ];

    // Integers are refused for the kind (not only those of no kind), as is every other JSON type.
    public static readonly string[] NotKindTypes = ["0", "1", "5", "-1", "1e400", "true", "[]", "[\"General\"]", "{}", .. Broken];

    // Every name but General and TimeDeal.
    public static readonly string[] NotKinds = ["\"\"", "\"Weird\"", "\"GeneralX\"", "\"🎉\"", Long];

    // Not ISO 8601 dates and times: wrong shape, or an impossible month, day or hour.
    public static readonly string[] NotTimes =
    [
        "\"\"", "\"abc\"", "\"tomorrow\"", "\"2030-13-01T00:00:00Z\"", "\"2030-02-30T00:00:00Z\"", "\"2030-01-01T25:00:00Z\"", "\"🎉\"", Long,
    ];

    // Below 1 or above 1000, or not an int.
    public static readonly string[] NotLimits = ["-0", "0", "-1", "1001", "-1e2", "2147483648", "\"0\"", "\"-1\"", "\"1001\"", .. NeverIntegers];

    // Below 1 or above 1000000000 units, or not a long.
    public static readonly string[] NotStockQuantities = ["-0", "0", "-1", "1000000001", "-1e2", "2147483648", "\"0\"", "\"-5\"", .. NeverIntegers];

    public static readonly string[] NotArraysOfLines = ["\"abc\"", "5", "true", "{}", "{\"0\":{}}", .. Broken];

    public static readonly string[] NotLineObjects = ["\"abc\"", "5", "true", "[]", "[{}]", .. Broken];

    public static readonly string[] NotLines = ["{}", "{\"productId\":null,\"quantity\":1}", "{\"quantity\":1}", "{\"productId\":\"p-does-not-exist\"}"];

    // Not a product id of 1 to 100 ASCII letters, digits, '-' or '_'; or one no product has.
    public static readonly string[] NotProductIds =
    [
        "\"\"", "\"   \"", "\"p\\u0000x\"", "\"../../etc/passwd\"", "\"p x\"", "\"상품\"", "\"🎉\"", "\"abc\"", "\"p-does-not-exist\"", Quote(new string('p', 101)), Long, Huge,
    ];

    // Blank (every character white space) or over 200 characters.
    public static readonly string[] NotPaymentKeys =
    [
        "\"\"", "\"   \"", "\"\\t\\n\\r\\u000b\\u000c\"", "\"\\u0085\\u00a0\\u2003\"", Quote(new string('k', 201)), Emoji(101), Long, Huge,
    ];

    // Bodies that are not an object with the endpoint's required fields, whatever the endpoint.
    public static readonly string[] NotBodies = ["", " ", "null", "\"body\"", "5", "true", "[]", "{}", "{}{}", "[{}]"];

    // Names no body knows, in any case, and values of every kind; added on top of a mutation, never alone, as the API ignores them.
    public static readonly string[] UnknownNames = ["zz", "unknown", "$type", "$ref", "$id", "__proto__", "", "constructor", "note\\u0000", "\\ud800", "📦"];

    public static readonly string[] UnknownValues =
    [
        "null", "true", "-0", "1e400", "9223372036854775808", "[]", "{}", "\"\\ud800\"", "\"🎉\"", "[[[[[[[[[[1]]]]]]]]]]", "{\"a\":{\"b\":[1,{\"c\":null}]}}", Quote(new string('u', 1_000)),
    ];

    public static string Quote(string text) => "\"" + text + "\"";

    public static string Emoji(int count) => Quote(string.Concat(Enumerable.Repeat("🎉", count)));
}
