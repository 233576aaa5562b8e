using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRun.Actors.Testing;

namespace RunRun.Api.Tests;

/// <summary>
/// The API with its embedded silo, on a data folder of its own (deleted afterwards unless the test
/// passed one in to reuse), optionally on a fake clock or behind a real Kestrel server on 127.0.0.1;
/// and the calls the tests make through it.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery";

    private readonly bool _ownsDataDirectory;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;
    private HttpClient? _client;
    private int _sequence;

    /// <param name="services">Replaces services after the API registered its own, e.g. to put a fault into storage.</param>
    /// <param name="kestrel">
    /// Serves over a real Kestrel server on a free port of 127.0.0.1 instead of the in-memory test
    /// server, for what only a real server does: its body size limit, its addresses.
    /// </param>
    public ApiHost(
        IReadOnlyDictionary<string, string>? settings = null,
        FakeTimeProvider? time = null,
        string? dataDirectory = null,
        Action<IServiceCollection>? services = null,
        bool kestrel = false)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _services = services;
        Time = time;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public string DataDirectory { get; }

    public FakeTimeProvider? Time { get; }

    /// <summary>One client for every call; credentials and keys travel on each request, not on the client.</summary>
    public HttpClient Client => _client ??= NewClient();

    public static string NewDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "runrun-api-tests", Guid.NewGuid().ToString("N"));

    public static void DeleteDataDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts the host now, so a test's first request does not pay for it.</summary>
    public Task StartAsync()
    {
        _ = Client;
        return Task.CompletedTask;
    }

    private HttpClient NewClient()
    {
        // The server's address is known once it has started: a Kestrel server picks its port then.
        StartServer();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
        if (_ownsDataDirectory)
        {
            DeleteDataDirectory(DataDirectory);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RunRun:Api:DataDirectory", DataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            if (Time is not null)
            {
                services.AddSingleton<TimeProvider>(Time);
            }

            _services?.Invoke(services);
        });
    }

    public string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";

    // Accounts

    public async Task<User> SignUpAsync(params string[] roles)
    {
        var email = Unique("user") + "@runrun.test";
        using var response = await SendAsync(HttpMethod.Post, "/api/accounts", body: new { email, displayName = "Test " + email[..12], password = Password, roles = roles.Length == 0 ? null : roles });
        await ExpectAsync(response, HttpStatusCode.Created);
        return new User(email, await TokenAsync(email, Password));
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/auth/token", body: new { email, password });
        var token = await ExpectAsync(response, HttpStatusCode.OK);
        token["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        return token["accessToken"]!.GetValue<string>();
    }

    // Products

    public async Task<string> CreateProductAsync(
        User seller,
        long stock = 0,
        int perShopperLimit = 10,
        long price = 10_000,
        string kind = "General",
        DateTimeOffset? saleStartsAt = null,
        DateTimeOffset? saleEndsAt = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", seller, ProductBody(price, kind, saleStartsAt, saleEndsAt, perShopperLimit));
        var product = await ExpectAsync(response, HttpStatusCode.Created);
        var productId = product["productId"]!.GetValue<string>();
        response.Headers.Location!.OriginalString.ShouldBe($"/api/products/{productId}");
        if (stock > 0)
        {
            await AddStockAsync(seller, productId, stock);
        }

        return productId;
    }

    public static object ProductBody(long price = 10_000, string kind = "General", DateTimeOffset? saleStartsAt = null, DateTimeOffset? saleEndsAt = null, int perShopperLimit = 10, string name = "Test product") =>
        new { name, description = "Made for a test.", price = new { amount = price, currency = "KRW" }, kind, saleStartsAt, saleEndsAt, perShopperLimit };

    public async Task<JsonObject> AddStockAsync(User seller, string productId, long quantity)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/products/{productId}/stock", seller, new { quantity });
        return await ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonObject> GetProductAsync(string productId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/products/{productId}");
        return await ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The product's availability as shoppers see it.</summary>
    public async Task<Stock> StockAsync(string productId)
    {
        var availability = (await GetProductAsync(productId))["availability"]!;
        return new Stock(
            availability["available"]!.GetValue<long>(),
            availability["reserved"]!.GetValue<long>(),
            availability["sold"]!.GetValue<long>(),
            availability["soldOut"]!.GetValue<bool>());
    }

    // Orders

    public Task<HttpResponseMessage> PlaceOrderAsync(User shopper, string idempotencyKey, params (string ProductId, int Quantity)[] lines) =>
        SendAsync(HttpMethod.Post, "/api/orders", shopper, new { lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }) }, idempotencyKey);

    /// <summary>Places an order that must be accepted (201, Location), and returns it.</summary>
    public async Task<JsonObject> OrderAsync(User shopper, params (string ProductId, int Quantity)[] lines)
    {
        using var response = await PlaceOrderAsync(shopper, Unique("order"), lines);
        var order = await ExpectAsync(response, HttpStatusCode.Created);
        order["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        response.Headers.Location!.OriginalString.ShouldBe($"/api/orders/{order["orderId"]!.GetValue<string>()}");
        return order;
    }

    public Task<HttpResponseMessage> PayAsync(User shopper, string orderId, string paymentKey, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/payment", shopper, new { paymentKey }, idempotencyKey ?? Unique("pay"));

    public Task<HttpResponseMessage> CancelAsync(User user, string orderId) =>
        SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel", user);

    public async Task<JsonObject> GetOrderAsync(User user, string orderId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", user);
        return await ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonObject> ListOrdersAsync(User user, int page = 1, int pageSize = 20)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/orders?page={page}&pageSize={pageSize}", user);
        return await ExpectAsync(response, HttpStatusCode.OK);
    }

    // Plumbing

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, User? user = null, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return SendAsync(request, user, idempotencyKey);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, User? user = null, string? idempotencyKey = null)
    {
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Checks the status and returns the JSON object body, showing the body when the status is not the one expected.</summary>
    public static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Reads an RFC 9457 problem: it must say application/problem+json and carry its status and a code.</summary>
    public static async Task<Problem> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        mediaType.ShouldBe("application/problem+json", $"{(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        body["status"]!.GetValue<int>().ShouldBe((int)response.StatusCode, text);
        body["title"].ShouldNotBeNull(text);
        var code = body["code"]?.GetValue<string>();
        code.ShouldNotBeNullOrWhiteSpace(text);
        return new Problem(response.StatusCode, code!, body, response.Headers, text);
    }

    /// <summary>Reads a problem that must have this status and code.</summary>
    public static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await ProblemAsync(response);
        problem.Status.ShouldBe(status, problem.Text);
        problem.Code.ShouldBe(code, problem.Text);
        return problem;
    }
}

/// <summary>A signed-up account and its bearer token.</summary>
public sealed record User(string Email, string Token)
{
    public string UserId => Email;
}

/// <summary>A product's availability.</summary>
public sealed record Stock(long Available, long Reserved, long Sold, bool SoldOut);

/// <summary>A problem response, read.</summary>
public sealed record Problem(HttpStatusCode Status, string Code, JsonObject Body, HttpResponseHeaders Headers, string Text)
{
    public string? this[string name] => Body[name]?.ToString();
}
