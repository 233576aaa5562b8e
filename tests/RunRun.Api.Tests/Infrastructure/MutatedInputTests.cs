using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RunRun.Api.Tests.Infrastructure.Mutation;
using Xunit.Abstractions;
using static RunRun.Api.Tests.Infrastructure.Mutation.BadJsonValues;
using static RunRun.Api.Tests.Infrastructure.Mutation.RawJson;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>
/// Breadth beyond the hand-written corpus of <see cref="BadInputTests"/>: the valid body of every
/// endpoint that reads JSON, mutated by a generator with a fixed seed, so that every run sends the
/// same requests. Each mutation is one no rule of the API accepts (a required field left out or
/// null, a value of another JSON type, out of range, malformed or broken, a repeated name whose last
/// value is such a value, the body cut short, wrapped or replaced), so none can leave the request
/// valid: every answer must be a 4xx problem with a code, and nothing may change.
/// </summary>
public sealed class MutatedInputTests(BadInputFixture shop, ITestOutputHelper output) : IClassFixture<BadInputFixture>
{
    private const int Seed = 9457;
    private const int MutantsPerEndpoint = 50;

    // For the report: quotes as \" rather than \u0022, and non-ASCII as it is.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Kinds = ["remove", "replace", "duplicate", "pair", "wrap", "truncate", "body"];

    [Fact]
    public async Task MutatedBodies_AnsweredWithA4xxProblem_AndNothingChanges()
    {
        var endpoints = Endpoints();
        var mutants = Generate(endpoints, new Random(Seed));
        mutants.Count.ShouldBeGreaterThanOrEqualTo(300);
        mutants.Select(m => m.Kind).Distinct().Order(StringComparer.Ordinal).ShouldBe(Kinds.Order(StringComparer.Ordinal));
        mutants.Count(m => m.Description.Contains("unknown", StringComparison.Ordinal)).ShouldBeGreaterThan(50);

        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var before = await shop.SnapshotAsync();
        foreach (var mutant in mutants)
        {
            var problems = new List<string>();
            using (var response = await shop.Host.SendAsync(mutant.ToRequest(), UserOf(mutant.Endpoint.Caller), mutant.Key))
            {
                var (refusal, code) = await ReadRefusalAsync(response);
                if (refusal is not null)
                {
                    problems.Add(refusal);
                }

                var answer = $"{(int)response.StatusCode} {code}";
                answers[answer] = answers.GetValueOrDefault(answer) + 1;
            }

            var after = await shop.SnapshotAsync();
            if (!string.Equals(after, before, StringComparison.Ordinal))
            {
                problems.Add($"the shop changed; from the first difference on:\n     before: {Difference(before, after)}\n     after:  {Difference(after, before)}");
                // Later requests are judged against the shop as it now is, so one change is reported once.
                before = after;
            }

            if (mutant.FreeEmail is { } email && await SignUpRefusedAsync(email) is { } taken)
            {
                problems.Add($"the address {email} was taken: a good sign-up for it afterwards got {taken}");
            }

            if (problems.Count > 0)
            {
                failures.Add($"{Describe(mutant)}\n  -> {string.Join("\n  -> ", problems)}");
            }
        }

        clock.Stop();
        output.WriteLine($"{mutants.Count} mutated requests (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s; {failures.Count} failed.");
        output.WriteLine($"  by endpoint: {string.Join(", ", mutants.GroupBy(m => m.Endpoint.Name).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($"  by answer: {string.Join(", ", answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} ×{a.Value}"))}");

        failures.ShouldBeEmpty($"{failures.Count} of {mutants.Count} mutated requests (seed {Seed}):\n\n{string.Join("\n\n", failures.Take(25))}");

        // The accounts still open with their passwords: no refused token request or sign-up touched them.
        await shop.Host.TokenAsync(shop.Shopper.Email, ApiHost.Password);
        await shop.Host.TokenAsync(shop.Seller.Email, ApiHost.Password);

        // The control: each unmutated body is accepted, so every refusal above was the mutation's doing.
        // Sent last and in this order, so that each leaves the next one valid (the edit puts the product in a sale window).
        foreach (var endpoint in endpoints)
        {
            using var response = await shop.Host.SendAsync(
                new HttpRequestMessage(endpoint.Method, endpoint.Path) { Content = ApiHost.Json(Text(endpoint.Body(-1))) },
                UserOf(endpoint.Caller),
                endpoint.SendsKey ? "mutant-control" : null);
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBeInRange(200, 299, $"{endpoint.Name} unmutated: {text}");
        }
    }

    /// <summary>Every endpoint that reads a JSON body, its valid body and the fields a mutation may touch.</summary>
    private List<Endpoint> Endpoints()
    {
        var productFields = new Field[]
        {
            new("name", true, NotStrings, NotNames),
            new("description", false, NotStrings, NotDescriptions),
            new("price", true, NotObjects, NotPrices),
            new("price.amount", true, NotNumbers, NotAmounts),
            new("price.currency", true, NotStrings, NotCurrencies),
            new("kind", true, NotKindTypes, NotKinds),
            new("saleStartsAt", false, NotStrings, NotTimes),
            new("saleEndsAt", false, NotStrings, NotTimes),
            new("perShopperLimit", true, NotNumbers, NotLimits),
        };
        var line = $"{{\"productId\":\"{shop.ProductId}\",\"quantity\":1}}";
        // Refused by the shop, not by the shape: the same product twice, 21 lines where 20 are allowed,
        // more than the other product's 3 units; more than the product's limit of 5 (the shopper holds 1) or its 9 units left.
        string[] notLineLists =
        [
            "[]", "[null]", "[1,2]", "[[]]", "[\"x\"]", "[{}]", $"[{line},{line}]",
            $"[{string.Join(",", Enumerable.Range(0, 21).Select(i => $"{{\"productId\":\"p-{i}\",\"quantity\":1}}"))}]",
            $"[{{\"productId\":\"{shop.OtherProductId}\",\"quantity\":4}}]",
        ];
        string[] notLineQuantities = ["-0", "0", "-1", "101", "-1e2", "2147483648", "\"0\"", "\"-1\"", "\"101\"", "6", "10", .. NeverIntegers];

        return
        [
            new("token", HttpMethod.Post, "/api/auth/token", Caller.Nobody, SendsKey: false,
                _ => Obj(("email", Str(shop.Shopper.Email)), ("password", Str(ApiHost.Password))),
                [
                    new("email", true, NotStrings, [.. NotAddresses, "\"nobody@runrun.test\""]),
                    new("password", true, NotStrings, WrongPasswords),
                ]),
            new("sign-up", HttpMethod.Post, "/api/accounts", Caller.Nobody, SendsKey: false,
                n => Obj(("email", Str(Address(n))), ("displayName", Str("Mutant")), ("password", Str(ApiHost.Password)), ("roles", Arr(Str("seller")))),
                [
                    new("email", true, NotStrings, NotAddresses),
                    new("displayName", true, NotStrings, NotNames),
                    new("password", true, NotStrings, NotPasswords),
                    new("roles", false, NotArraysOfRoles, NotRoleLists),
                    new("roles.0", false, NotRoleStrings, NotRoles),
                ])
            {
                Address = Address,
            },
            new("product create", HttpMethod.Post, "/api/products", Caller.Seller, SendsKey: false, _ => ProductBody(), productFields),
            new("add stock", HttpMethod.Post, $"/api/products/{shop.ProductId}/stock", Caller.Seller, SendsKey: false,
                _ => Obj(("quantity", Num(5))),
                [new("quantity", true, NotNumbers, NotStockQuantities)]),
            new("order", HttpMethod.Post, "/api/orders", Caller.Shopper, SendsKey: true,
                _ => Obj(("lines", Arr(Obj(("productId", Str(shop.ProductId)), ("quantity", Num(1)))))),
                [
                    new("lines", true, NotArraysOfLines, notLineLists),
                    new("lines.0", true, NotLineObjects, NotLines),
                    new("lines.0.productId", true, NotStrings, NotProductIds),
                    new("lines.0.quantity", true, NotNumbers, notLineQuantities),
                ]),
            new("pay", HttpMethod.Post, $"/api/orders/{shop.OrderId}/payment", Caller.Shopper, SendsKey: true,
                _ => Obj(("paymentKey", Str("card-ok-1"))),
                [new("paymentKey", true, NotStrings, NotPaymentKeys)]),
            new("product edit", HttpMethod.Put, $"/api/products/{shop.ProductId}", Caller.Seller, SendsKey: false, _ => ProductBody(), productFields),
        ];
    }

    // Numbered, so that no two sign-ups collide and a refused one's address can be checked afterwards.
    private static string Address(int number) => number < 0 ? "mutant-control@runrun.test" : $"mutant-{number}@runrun.test";

    // A general product in a sale window around now, with every optional field set, so each can be mutated.
    private static ObjectNode ProductBody() => Obj(
        ("name", Str("Mutant")),
        ("description", Str("Made to be mutated.")),
        ("price", Obj(("amount", Num(1_000)), ("currency", Str("KRW")))),
        ("kind", Str("General")),
        ("saleStartsAt", Str("2020-01-01T00:00:00Z")),
        ("saleEndsAt", Str("2099-01-01T00:00:00Z")),
        ("perShopperLimit", Num(5)));

    private User? UserOf(Caller caller) => caller switch
    {
        Caller.Shopper => shop.Shopper,
        Caller.Seller => shop.Seller,
        _ => null,
    };

    /// <summary>
    /// Every required field left out and set to null once, then random mutations, without repeats,
    /// up to <see cref="MutantsPerEndpoint"/> per endpoint. All are drawn before anything is sent,
    /// so the answers cannot change what is sent.
    /// </summary>
    private static List<Mutant> Generate(IReadOnlyList<Endpoint> endpoints, Random random)
    {
        var mutants = new List<Mutant>();
        foreach (var endpoint in endpoints)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            void Keep(string kind, Func<ObjectNode, (string Description, byte[] Body)?> mutate)
            {
                var number = mutants.Count;
                var body = endpoint.Body(number);
                if (mutate(body) is { } mutated && seen.Add(mutated.Description))
                {
                    mutants.Add(new Mutant(endpoint, number, kind, mutated.Description, mutated.Body, endpoint.Address?.Invoke(number)));
                    count++;
                }
            }

            foreach (var field in endpoint.Fields.Where(f => f.Required))
            {
                Keep("remove", body => Remove(body, field.Path) ? ($"{field.Path} left out", Utf8(body)) : null);
                Keep("replace", body => Set(body, field.Path, "null") ? ($"{field.Path} := null", Utf8(body)) : null);
            }

            for (var attempt = 0; count < MutantsPerEndpoint && attempt < 20 * MutantsPerEndpoint; attempt++)
            {
                var kind = DrawKind(random);
                Keep(kind, body => Mutate(kind, endpoint, body, random));
            }
        }

        return mutants;
    }

    private static string DrawKind(Random random) => random.Next(100) switch
    {
        < 10 => "truncate",
        < 16 => "body",
        < 24 => "wrap",
        < 32 => "remove",
        < 50 => "duplicate",
        < 60 => "pair",
        _ => "replace",
    };

    /// <summary>One mutation of <paramref name="kind"/> on the body; null when it does not apply to this endpoint.</summary>
    private static (string Description, byte[] Body)? Mutate(string kind, Endpoint endpoint, ObjectNode body, Random random)
    {
        string? description;
        switch (kind)
        {
            case "body":
            {
                var value = Pick(random, NotBodies);
                return ($"body := {Show(value)}", Encoding.UTF8.GetBytes(value));
            }

            case "truncate":
            case "wrap":
                description = kind == "wrap" ? "wrapped in an array" : "cut";
                break;
            case "remove":
            {
                var field = Pick(random, [.. endpoint.Fields.Where(f => f.Required)]);
                description = Remove(body, field.Path) ? $"{field.Path} left out" : null;
                break;
            }

            case "duplicate":
            {
                var field = Pick(random, [.. endpoint.Fields.Where(f => f.InObject)]);
                var value = field.Draw(random);
                // Either spelling names the same property: the API reads names case-insensitively.
                var name = random.Next(2) == 0 ? field.Name : field.Name.ToUpperInvariant();
                description = Repeat(body, field.Path, name, value) ? $"{field.Path} repeated as \"{name}\": {Show(value)}" : null;
                break;
            }

            case "pair":
            {
                var first = Pick(random, endpoint.Fields);
                var others = endpoint.Fields.Where(f => !Related(f.Path, first.Path)).ToArray();
                if (others.Length == 0)
                {
                    return null;
                }

                var second = Pick(random, others);
                var (one, two) = (first.Draw(random), second.Draw(random));
                description = Set(body, first.Path, one) && Set(body, second.Path, two)
                    ? $"{first.Path} := {Show(one)}; {second.Path} := {Show(two)}"
                    : null;
                break;
            }

            default:
            {
                var field = Pick(random, endpoint.Fields);
                var value = field.Draw(random);
                description = Set(body, field.Path, value) ? $"{field.Path} := {Show(value)}" : null;
                break;
            }
        }

        if (description is null)
        {
            return null;
        }

        // Never alone: the API ignores properties it does not know, so one added to a valid body leaves it valid.
        if (random.Next(3) == 0)
        {
            description += "; " + AddUnknown(body, random);
        }

        var bytes = Utf8(body);
        switch (kind)
        {
            case "truncate":
                // At a byte, not a character: the cut may split a character's UTF-8 bytes. Any cut
                // leaves the outermost object unclosed, as its closing brace is the last byte.
                var at = random.Next(bytes.Length);
                return ($"{description} after byte {at} of {bytes.Length}", bytes[..at]);
            case "wrap":
                return (description, [(byte)'[', .. bytes, (byte)']']);
            default:
                return (description, bytes);
        }
    }

    private static bool Related(string one, string two) =>
        one == two || one.StartsWith(two + ".", StringComparison.Ordinal) || two.StartsWith(one + ".", StringComparison.Ordinal);

    /// <summary>Puts a property no body knows into one of the body's objects, at a random place among its members.</summary>
    private static string AddUnknown(ObjectNode body, Random random)
    {
        var objects = Objects(body, "body").ToArray();
        var (path, target) = Pick(random, objects);
        var name = Pick(random, UnknownNames);
        var value = Pick(random, UnknownValues);
        var at = random.Next(target.Members.Count + 1);
        target.Members.Insert(at, new Member(name, new Literal(value)));
        return $"unknown \"{name}\": {Show(value)} put at member {at} of {path}";
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>
    /// Why the answer is not a refusal as the API promises one (a 4xx RFC 9457 problem with a code), or
    /// null when it is; and the problem's code for the tally of answers ("-" when there is none).
    /// </summary>
    private static async Task<(string? Refusal, string Code)> ReadRefusalAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        string Answer(string text) => $"{status} {response.Content.Headers.ContentType}: {Abbreviate(text, 1_000)}";
        try
        {
            // The suite's one reading of a problem: its media type, status, title and code.
            var problem = await ApiHost.ProblemAsync(response);
            return status is < 400 or > 499
                ? ($"answered {Answer(problem.Text)}; a 4xx problem was expected", problem.Code)
                : (null, problem.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var text = await response.Content.ReadAsStringAsync();
            var expected = status is < 400 or > 499 ? "a 4xx problem was expected" : "not a problem with its status and a code";
            return ($"answered {Answer(text)}; {expected} ({e.GetType().Name})", "-");
        }
    }

    /// <summary>The status a good sign-up for the address gets when that is not 201 Created (the address was taken), or null.</summary>
    private async Task<string?> SignUpRefusedAsync(string email)
    {
        using var response = await shop.Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email, displayName = "Later", password = ApiHost.Password });
        return response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>The request as sent, for a report someone can replay.</summary>
    private static string Describe(Mutant mutant)
    {
        var endpoint = mutant.Endpoint;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"#{mutant.Number} {endpoint.Name}, {mutant.Kind}: {mutant.Description}\n")
            .Append(CultureInfo.InvariantCulture, $"  {endpoint.Method} {endpoint.Path}\n");
        if (endpoint.Caller != Caller.Nobody)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Authorization: Bearer <the fixture {endpoint.Caller.ToString().ToLowerInvariant()}'s token>\n");
        }

        if (mutant.Key is { } key)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Idempotency-Key: {key}\n");
        }

        // Printable text as it is; otherwise as a JSON string, so control characters show as escapes.
        var body = Encoding.UTF8.GetString(mutant.Body);
        var shown = body.All(c => c is >= ' ' and not '\u007f' and not '\ufffd')
            ? $"body: {Abbreviate(body, 1_200)}"
            : $"body, as a JSON string (bytes that are no UTF-8 show as U+FFFD): {Abbreviate(JsonSerializer.Serialize(body, Relaxed), 1_200)}";
        return text
            .Append(CultureInfo.InvariantCulture, $"  Content-Type: application/json; charset=utf-8 ({mutant.Body.Length} bytes)\n")
            .Append(CultureInfo.InvariantCulture, $"  {shown}")
            .ToString();
    }

    /// <summary><paramref name="text"/> from a little before where it first differs from <paramref name="other"/>.</summary>
    private static string Difference(string text, string other)
    {
        var at = 0;
        while (at < text.Length && at < other.Length && text[at] == other[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 120);
        var to = Math.Min(text.Length, at + 280);
        return $"{(from > 0 ? "…" : "")}{text[from..to]}{(to < text.Length ? "…" : "")}";
    }

    private static string Abbreviate(string text, int max) =>
        text.Length <= max ? text : $"{text[..(max / 2)]}…({text.Length} chars)…{text[^(max / 4)..]}";

    // Values in descriptions: long strings by their start and length.
    private static string Show(string json) => json.Length <= 48 ? json : $"{json[..24]}…({json.Length} chars)";

    /// <summary>An endpoint that reads a JSON body; <see cref="Body"/> is valid for every number (negative: the control).</summary>
    private sealed record Endpoint(
        string Name, HttpMethod Method, string Path, Caller Caller, bool SendsKey, Func<int, ObjectNode> Body, IReadOnlyList<Field> Fields)
    {
        /// <summary>For a sign-up, the address the numbered body names: it must still be free after a refusal.</summary>
        public Func<int, string>? Address { get; init; }
    }

    /// <summary>
    /// A field, by its path in the body, and JSON values that make the request invalid wherever they
    /// are put in it: values of another type or broken (and null, where the field is required), and
    /// values of the field's type that its rules refuse. A draw takes either kind half the time, so the
    /// rules behind deserialization get as many requests as deserialization itself.
    /// </summary>
    private sealed record Field(string Path, bool Required, IReadOnlyList<string> Wrong, IReadOnlyList<string> Refused)
    {
        private readonly IReadOnlyList<string> _wrong = Required ? [.. Wrong, "null"] : Wrong;

        public string Name => Path[(Path.LastIndexOf('.') + 1)..];

        /// <summary>Whether the field is an object's property (it can be repeated), not an array's item.</summary>
        public bool InObject => !char.IsAsciiDigit(Name[0]);

        public string Draw(Random random) => random.Next(2) == 0 ? Pick(random, Refused) : Pick(random, _wrong);
    }

    private sealed record Mutant(Endpoint Endpoint, int Number, string Kind, string Description, byte[] Body, string? FreeEmail)
    {
        public string? Key => Endpoint.SendsKey ? $"mutant-{Number}" : null;

        public HttpRequestMessage ToRequest()
        {
            var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpRequestMessage(Endpoint.Method, Endpoint.Path) { Content = content };
        }
    }
}
