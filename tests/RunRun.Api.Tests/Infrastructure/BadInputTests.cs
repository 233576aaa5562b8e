using System.Net;
using System.Text;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>
/// Requests no client should send. Each must be answered with a 4xx problem (never a 5xx, never a
/// success) and leave the shop as it was: stock, the shopper's orders, the catalogue, the accounts;
/// an address a refused sign-up named stays free.
/// </summary>
public sealed class BadInputTests(BadInputFixture shop) : IClassFixture<BadInputFixture>
{
    private const string Line = "{\"productId\":\"{product}\",\"quantity\":1}";
    private const HttpStatusCode Invalid = HttpStatusCode.BadRequest;

    private static readonly string Megabyte = new('x', 1024 * 1024);

    private static readonly Dictionary<string, BadInput> Corpus = new(StringComparer.Ordinal)
    {
        // Order placement: the body.
        ["order: malformed JSON"] = Order("{\"lines\":["),
        ["order: not JSON at all"] = Order("lines=1"),
        ["order: empty body"] = Order(""),
        ["order: null body"] = Order("null"),
        ["order: an array instead of an object"] = Order("[" + Line + "]"),
        ["order: trailing garbage"] = Order("{\"lines\":[" + Line + "]}}"),
        ["order: lines is a string"] = Order("{\"lines\":\"abc\"}"),
        ["order: lines is an object"] = Order("{\"lines\":{}}"),
        ["order: lines are numbers"] = Order("{\"lines\":[1,2]}"),
        ["order: no lines"] = Order("{}"),
        ["order: empty lines"] = Order("{\"lines\":[]}"),
        ["order: a null line"] = Order("{\"lines\":[null]}"),
        ["order: duplicate product lines"] = Order("{\"lines\":[" + Line + "," + Line + "]}"),
        ["order: too many lines"] = Order("{\"lines\":[" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"{{\"productId\":\"p-{i}\",\"quantity\":1}}")) + "]}"),
        ["order: quantity -1"] = Order(WithQuantity("-1")),
        ["order: quantity 0"] = Order(WithQuantity("0")),
        ["order: quantity 2147483648"] = Order(WithQuantity("2147483648")),
        ["order: quantity 1e30"] = Order(WithQuantity("1e30")),
        ["order: quantity 1.5"] = Order(WithQuantity("1.5")),
        ["order: quantity over the per-line maximum"] = Order(WithQuantity("101")),
        ["order: quantity is a word"] = Order(WithQuantity("\"one\"")),
        ["order: quantity is a boolean"] = Order(WithQuantity("true")),
        ["order: quantity null"] = Order(WithQuantity("null")),
        ["order: quantity missing"] = Order("{\"lines\":[{\"productId\":\"{product}\"}]}"),
        ["order: productId missing"] = Order("{\"lines\":[{\"quantity\":1}]}"),
        ["order: productId is a number"] = Order("{\"lines\":[{\"productId\":5,\"quantity\":1}]}"),
        ["order: productId empty"] = Order(WithProduct("")),
        ["order: productId with a NUL"] = Order(WithProduct("p\\u0000x")),
        ["order: productId a lone surrogate"] = Order(WithProduct("\\ud800")),
        ["order: productId in Hangul"] = Order(WithProduct("상품")),
        ["order: productId with a path"] = Order(WithProduct("../../etc/passwd")),
        ["order: productId too long"] = Order(WithProduct(new string('p', 101))),
        ["order: unknown product"] = Order(WithProduct("p-does-not-exist")),
        ["order: deeply nested arrays instead of an object"] = Order(new string('[', 100) + new string(']', 100)),
        ["order: nested one level past the serializer's max depth"] = new(Caller.Shopper, "POST", "/api/orders", Invalid, shop => ApiHost.Json(NestedOrder(shop, shop.MaxJsonDepth + 1))),
        // Without any Content-Type the handler refuses the body itself (400, naming Content-Type); a wrong one is refused by routing (415).
        ["order: no Content-Type"] = new(Caller.Shopper, "POST", "/api/orders", Invalid, shop => Untyped(shop.Fill("{\"lines\":[" + Line + "]}"))),
        ["order: invalid UTF-8"] = new(Caller.Shopper, "POST", "/api/orders", Invalid, _ => Bytes([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], "application/json")),
        ["order: text/plain"] = new(Caller.Shopper, "POST", "/api/orders", HttpStatusCode.UnsupportedMediaType, f => new StringContent(f.Fill("{\"lines\":[" + Line + "]}"), Encoding.UTF8, "text/plain")),
        ["order: 1 MB body"] = Order("{\"lines\":[" + Line + "],\"pad\":\"" + Megabyte + "\"}", HttpStatusCode.RequestEntityTooLarge),

        // Order placement: the Authorization header, sent twice; neither token may be picked.
        ["order: Authorization twice, the same token"] = Order("{\"lines\":[" + Line + "]}", HttpStatusCode.Unauthorized) with
        {
            Caller = Caller.Nobody,
            Headers = (r, shop) => r.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + shop.Shopper.Token, "Bearer " + shop.Shopper.Token]),
        },
        ["order: Authorization twice, two accounts"] = Order("{\"lines\":[" + Line + "]}", HttpStatusCode.Unauthorized) with
        {
            Caller = Caller.Nobody,
            Headers = (r, shop) => r.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + shop.Shopper.Token, "Bearer " + shop.Seller.Token]),
        },

        // Order placement: the Idempotency-Key header.
        ["order: no Idempotency-Key"] = Order("{\"lines\":[" + Line + "]}") with { Key = null },
        ["order: Idempotency-Key twice"] = Order("{\"lines\":[" + Line + "]}") with { Key = null, Headers = (r, _) => r.Headers.TryAddWithoutValidation("Idempotency-Key", ["key-a", "key-b"]) },
        ["order: the same Idempotency-Key twice"] = Order("{\"lines\":[" + Line + "]}") with { Key = null, Headers = (r, _) => r.Headers.TryAddWithoutValidation("Idempotency-Key", ["key-same", "key-same"]) },
        ["order: Idempotency-Key of 300 characters"] = Order("{\"lines\":[" + Line + "]}") with { Key = new string('k', 300) },
        ["order: empty Idempotency-Key"] = Order("{\"lines\":[" + Line + "]}") with { Key = null, Headers = (r, _) => r.Headers.TryAddWithoutValidation("Idempotency-Key", "") },
        ["order: Idempotency-Key with a space"] = Order("{\"lines\":[" + Line + "]}") with { Key = "a key" },
        ["order: Idempotency-Key not ASCII"] = Order("{\"lines\":[" + Line + "]}") with { Key = null, Headers = (r, _) => r.Headers.TryAddWithoutValidation("Idempotency-Key", "키") },
        ["order: replayed Idempotency-Key with another body"] = Order("{\"lines\":[{\"productId\":\"{product}\",\"quantity\":2}]}", HttpStatusCode.UnprocessableEntity) with { Key = BadInputFixture.OrderKey },
        ["order: replayed Idempotency-Key with another product"] = Order("{\"lines\":[{\"productId\":\"{other}\",\"quantity\":1}]}", HttpStatusCode.UnprocessableEntity) with { Key = BadInputFixture.OrderKey },

        // Products.
        ["product: kind Weird"] = Product(ProductJson(kind: "\"Weird\"")),
        ["product: kind 5"] = Product(ProductJson(kind: "5")),
        ["product: kind 0"] = Product(ProductJson(kind: "0")),
        ["product: kind null"] = Product(ProductJson(kind: "null")),
        ["product: kind an array"] = Product(ProductJson(kind: "[\"General\"]")),
        ["product: negative price"] = Product(ProductJson(amount: "-1")),
        ["product: price 1e30"] = Product(ProductJson(amount: "1e30")),
        ["product: price past long"] = Product(ProductJson(amount: "9223372036854775808")),
        ["product: price a word"] = Product(ProductJson(amount: "\"cheap\"")),
        ["product: currency in lower case"] = Product(ProductJson(currency: "\"won\"")),
        ["product: no price"] = Product("{\"name\":\"No price\",\"kind\":\"General\",\"perShopperLimit\":1}"),
        ["product: name with a NUL"] = Product(ProductJson(name: "\"bad\\u0000name\"")),
        ["product: name with a bell"] = Product(ProductJson(name: "\"ding\\u0007\"")),
        ["product: name a lone surrogate"] = Product(ProductJson(name: "\"\\ud800\"")),
        ["product: name empty"] = Product(ProductJson(name: "\"\"")),
        ["product: name blank"] = Product(ProductJson(name: "\"   \"")),
        ["product: name too long"] = Product(ProductJson(name: "\"" + new string('n', 201) + "\"")),
        ["product: per-shopper limit 0"] = Product(ProductJson(limit: "0")),
        ["product: per-shopper limit -1"] = Product(ProductJson(limit: "-1")),
        ["product: per-shopper limit 2147483648"] = Product(ProductJson(limit: "2147483648")),
        ["product: per-shopper limit 1.5"] = Product(ProductJson(limit: "1.5")),
        ["product: time deal without a start"] = Product(ProductJson(kind: "\"TimeDeal\"")),
        ["product: sale ends before it starts"] = Product(ProductJson(kind: "\"TimeDeal\"", extra: ",\"saleStartsAt\":\"2030-01-02T00:00:00Z\",\"saleEndsAt\":\"2030-01-01T00:00:00Z\"")),
        ["product: start is not a date"] = Product(ProductJson(kind: "\"TimeDeal\"", extra: ",\"saleStartsAt\":\"tomorrow\"")),
        ["product: description too long"] = Product(ProductJson(extra: ",\"description\":\"" + new string('d', 4001) + "\"")),
        ["product: malformed JSON"] = Product("{\"name\":"),
        ["product: 1 MB body"] = Product(ProductJson(extra: ",\"description\":\"" + Megabyte + "\""), HttpStatusCode.RequestEntityTooLarge),
        ["product edit: kind Weird"] = Edit(ProductJson(kind: "\"Weird\"")),
        ["product edit: negative price"] = Edit(ProductJson(amount: "-5")),
        ["product edit: name with a NUL"] = Edit(ProductJson(name: "\"\\u0000\"")),
        ["product edit: unknown product"] = Edit(ProductJson(), HttpStatusCode.NotFound) with { Path = "/api/products/p-does-not-exist" },

        // Stock.
        ["stock: quantity -1"] = AddStock("{\"quantity\":-1}"),
        ["stock: quantity 0"] = AddStock("{\"quantity\":0}"),
        ["stock: quantity over a billion"] = AddStock("{\"quantity\":1000000001}"),
        ["stock: quantity 1e30"] = AddStock("{\"quantity\":1e30}"),
        ["stock: quantity a word"] = AddStock("{\"quantity\":\"lots\"}"),
        ["stock: quantity null"] = AddStock("{\"quantity\":null}"),
        ["stock: no quantity"] = AddStock("{}"),
        ["stock: past the total the stock may hold"] = AddStock("{\"quantity\":1000000000}"),
        ["stock: unknown product"] = AddStock("{\"quantity\":1}", HttpStatusCode.NotFound) with { Path = "/api/products/p-does-not-exist/stock" },

        // Payment.
        ["payment: no Idempotency-Key"] = Pay("{\"paymentKey\":\"card-ok-1\"}") with { Key = null },
        ["payment: Idempotency-Key twice"] = Pay("{\"paymentKey\":\"card-ok-1\"}") with { Key = null, Headers = (r, _) => r.Headers.TryAddWithoutValidation("Idempotency-Key", ["pay-a", "pay-b"]) },
        ["payment: no payment key"] = Pay("{}"),
        ["payment: empty payment key"] = Pay("{\"paymentKey\":\"\"}"),
        ["payment: payment key too long"] = Pay("{\"paymentKey\":\"card-ok-" + new string('1', 200) + "\"}"),
        ["payment: payment key is a number"] = Pay("{\"paymentKey\":5}"),
        ["payment: malformed JSON"] = Pay("{\"paymentKey\":"),
        ["payment: 1 MB body"] = Pay("{\"paymentKey\":\"" + Megabyte + "\"}", HttpStatusCode.RequestEntityTooLarge),
        ["payment: unknown order"] = Pay("{\"paymentKey\":\"card-ok-1\"}", HttpStatusCode.NotFound) with { Path = "/api/orders/o-does-not-exist/payment" },
        ["payment: order id with a control character"] = Pay("{\"paymentKey\":\"card-ok-1\"}", HttpStatusCode.NotFound) with { Path = "/api/orders/o%01x/payment" },
        ["cancel: order id too long"] = new(Caller.Shopper, "POST", "/api/orders/" + new string('o', 101) + "/cancel", HttpStatusCode.NotFound),
        ["cancel: order id with a path"] = new(Caller.Shopper, "POST", "/api/orders/..%2F..%2Fx/cancel", HttpStatusCode.NotFound),

        // Accounts.
        ["sign-up: operator role"] = SignUpAs("op-{product}@runrun.test", "\"displayName\":\"Op\",\"password\":\"long-enough-1\",\"roles\":[\"operator\"]", HttpStatusCode.Forbidden),
        ["sign-up: unknown role"] = SignUpAs("weird-{product}@runrun.test", "\"displayName\":\"W\",\"password\":\"long-enough-1\",\"roles\":[\"Weird\"]"),
        ["sign-up: role as a number"] = SignUpAs("num-{product}@runrun.test", "\"displayName\":\"N\",\"password\":\"long-enough-1\",\"roles\":[4]"),
        ["sign-up: roles as a string"] = SignUpAs("str-{product}@runrun.test", "\"displayName\":\"S\",\"password\":\"long-enough-1\",\"roles\":\"seller\""),
        ["sign-up: display name with a NUL"] = SignUpAs("nul-{product}@runrun.test", "\"displayName\":\"\\u0000\",\"password\":\"long-enough-1\""),
        ["sign-up: display name a lone surrogate"] = SignUpAs("sur-{product}@runrun.test", "\"displayName\":\"\\udc00\",\"password\":\"long-enough-1\""),
        ["sign-up: e-mail too long"] = SignUp("{\"email\":\"" + new string('e', 300) + "@runrun.test\",\"displayName\":\"E\",\"password\":\"long-enough-1\"}"),
        ["sign-up: password too short"] = SignUpAs("short-{product}@runrun.test", "\"displayName\":\"P\",\"password\":\"short\""),
        ["sign-up: password too long"] = SignUpAs("long-{product}@runrun.test", "\"displayName\":\"P\",\"password\":\"" + new string('p', 129) + "\""),
        ["sign-up: an array"] = SignUp("[]"),
        ["sign-up: the shopper's e-mail again, with another name and role"] = SignUp("{\"email\":\"{shopper}\",\"displayName\":\"Taken over\",\"password\":\"another-password-1\",\"roles\":[\"seller\"]}", HttpStatusCode.Conflict),
        ["sign-up: no Content-Type"] = SignUpAs("untyped-{product}@runrun.test", "\"displayName\":\"U\",\"password\":\"long-enough-1\"") with
        {
            Body = shop => Untyped(shop.Fill("{\"email\":\"untyped-{product}@runrun.test\",\"displayName\":\"U\",\"password\":\"long-enough-1\"}")),
        },
        ["sign-up: 1 MB body"] = SignUpAs("big@runrun.test", "\"displayName\":\"" + Megabyte + "\"", HttpStatusCode.RequestEntityTooLarge),
        ["token: e-mail is a number"] = new(Caller.Nobody, "POST", "/api/auth/token", Invalid, JsonBody("{\"email\":5,\"password\":\"x\"}")),
        ["token: nothing"] = new(Caller.Nobody, "POST", "/api/auth/token", Invalid, JsonBody("{}")),

        // Paging and query strings.
        ["products: page 0"] = Query("/api/products?page=0"),
        ["products: page -1"] = Query("/api/products?page=-1"),
        ["products: page abc"] = Query("/api/products?page=abc"),
        ["products: page past int"] = Query("/api/products?page=99999999999"),
        ["products: page size 0"] = Query("/api/products?pageSize=0"),
        ["products: page size 1000"] = Query("/api/products?pageSize=1000"),
        ["products: kind Weird"] = Query("/api/products?kind=Weird"),
        ["products: onSale maybe"] = Query("/api/products?onSale=maybe"),
        ["orders: page 0"] = Query("/api/orders?page=0") with { Caller = Caller.Shopper },
        ["orders: page size 1000"] = Query("/api/orders?pageSize=1000") with { Caller = Caller.Shopper },
        ["orders: page abc"] = Query("/api/orders?page=abc") with { Caller = Caller.Shopper },

        // Routes and methods.
        ["route: DELETE an order"] = new(Caller.Shopper, "DELETE", "/api/orders/{order}", HttpStatusCode.MethodNotAllowed),
        ["route: PATCH a product"] = new(Caller.Seller, "PATCH", "/api/products/{product}", HttpStatusCode.MethodNotAllowed, JsonBody("{}")),
        ["route: unknown"] = new(Caller.Shopper, "POST", "/api/refunds", HttpStatusCode.NotFound, JsonBody("{}")),
    };

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in Corpus.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public void Corpus_HasAtLeastFiftyCases() => Corpus.Count.ShouldBeGreaterThanOrEqualTo(50);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadRequest_AnsweredWithA4xxProblem_AndNothingChanges(string name)
    {
        var input = Corpus[name];
        var before = await shop.SnapshotAsync();

        using var response = await shop.Host.SendAsync(input.ToRequest(shop), input.Caller switch
        {
            Caller.Shopper => shop.Shopper,
            Caller.Seller => shop.Seller,
            _ => null,
        });

        var problem = await ApiHost.ProblemAsync(response);
        ((int)problem.Status).ShouldBeInRange(400, 499, problem.Text);
        problem.Status.ShouldBe(input.Status, problem.Text);
        var expectedCode = input.Status switch
        {
            HttpStatusCode.BadRequest => "validation_failed",
            HttpStatusCode.Unauthorized => "unauthorized",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.NotFound => "not_found",
            HttpStatusCode.RequestEntityTooLarge => "payload_too_large",
            HttpStatusCode.Conflict => "account_exists",
            HttpStatusCode.UnprocessableEntity => "idempotency_conflict",
            _ => problem.Code,
        };
        problem.Code.ShouldBe(expectedCode, problem.Text);
        if (problem.Status == HttpStatusCode.BadRequest)
        {
            problem.Body["errors"]!.AsObject().Count.ShouldBeGreaterThan(0, problem.Text);
        }

        (await shop.SnapshotAsync()).ShouldBe(before);
        if (input.FreeEmail is { } email)
        {
            // No account was opened: the address is still free for a good sign-up.
            using var signUp = await shop.Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email = shop.Fill(email), displayName = "Later", password = ApiHost.Password });
            await ApiHost.ExpectAsync(signUp, HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Order_NestedExactlyToTheSerializersMaxDepth_Accepted()
    {
        // The control for the corpus' case one level deeper: that one is refused for its depth alone.
        var shopper = await shop.Host.SignUpAsync();

        using var response = await shop.Host.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = ApiHost.Json(NestedOrder(shop, shop.MaxJsonDepth)) }, shopper, shop.Host.Unique("deep"));

        await ApiHost.ExpectAsync(response, HttpStatusCode.Created);
    }

    private static BadInput Order(string json, HttpStatusCode status = Invalid) => new(Caller.Shopper, "POST", "/api/orders", status, JsonBody(json));

    private static BadInput Product(string json, HttpStatusCode status = Invalid) => new(Caller.Seller, "POST", "/api/products", status, JsonBody(json));

    private static BadInput Edit(string json, HttpStatusCode status = Invalid) => new(Caller.Seller, "PUT", "/api/products/{product}", status, JsonBody(json));

    private static BadInput AddStock(string json, HttpStatusCode status = Invalid) => new(Caller.Seller, "POST", "/api/products/{product}/stock", status, JsonBody(json));

    private static BadInput Pay(string json, HttpStatusCode status = Invalid) => new(Caller.Shopper, "POST", "/api/orders/{order}/payment", status, JsonBody(json));

    private static BadInput SignUp(string json, HttpStatusCode status = Invalid) => new(Caller.Nobody, "POST", "/api/accounts", status, JsonBody(json));

    /// <summary>A sign-up for <paramref name="email"/> with these other fields; the address must be free afterwards.</summary>
    private static BadInput SignUpAs(string email, string fields, HttpStatusCode status = Invalid) =>
        SignUp("{\"email\":\"" + email + "\"," + fields + "}", status) with { FreeEmail = email };

    private static BadInput Query(string path) => new(Caller.Nobody, "GET", path, Invalid);

    private static string WithQuantity(string quantity) => "{\"lines\":[{\"productId\":\"{product}\",\"quantity\":" + quantity + "}]}";

    private static string WithProduct(string productId) => "{\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}";

    private static string ProductJson(string name = "\"Bad\"", string amount = "1000", string currency = "\"KRW\"", string kind = "\"General\"", string limit = "1", string extra = "") =>
        $"{{\"name\":{name},\"price\":{{\"amount\":{amount},\"currency\":{currency}}},\"kind\":{kind},\"perShopperLimit\":{limit}{extra}}}";

    private static Func<BadInputFixture, HttpContent?> JsonBody(string json) => shop => ApiHost.Json(shop.Fill(json));

    /// <summary>An order for one unit whose unknown "note" nests arrays so that its deepest value is at <paramref name="depth"/> (the root object is 1).</summary>
    private static string NestedOrder(BadInputFixture shop, int depth) =>
        shop.Fill("{\"lines\":[" + Line + "],\"note\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}");

    /// <summary>A JSON body sent without a Content-Type header.</summary>
    private static ByteArrayContent Untyped(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = null;
        return content;
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }
}

public enum Caller
{
    Nobody,
    Shopper,
    Seller,
}

/// <summary>One request of the corpus: who sends it, where, with what body and Idempotency-Key, and the status it must get.</summary>
public sealed record BadInput(Caller Caller, string Method, string Path, HttpStatusCode Status, Func<BadInputFixture, HttpContent?>? Body = null)
{
    /// <summary>The Idempotency-Key header; a fresh one unless the case says otherwise (null: none).</summary>
    public string? Key { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Headers set on the request as they are, without the client's checks.</summary>
    public Action<HttpRequestMessage, BadInputFixture>? Headers { get; init; }

    /// <summary>An e-mail address the request tried to sign up; no account may exist for it afterwards.</summary>
    public string? FreeEmail { get; init; }

    public HttpRequestMessage ToRequest(BadInputFixture shop)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), shop.Fill(Path)) { Content = Body?.Invoke(shop) };
        if (Key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Key);
        }

        Headers?.Invoke(request, shop);
        return request;
    }
}
