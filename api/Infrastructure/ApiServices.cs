using System.IdentityModel.Tokens.Jwt;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Hosting;
using RunRun.Api.Operations;
using RunRun.Api.Orders;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Api.Infrastructure;

/// <summary>Registers the API and, in the embedded default, the co-hosted silo.</summary>
internal static class ApiServices
{
    public static WebApplicationBuilder AddRunRunApi(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataDirectory) ? "data" : options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        builder.UseSilo(silo => silo
            .UseSqliteStorage(Path.Combine(dataDirectory, "runrun.db"))
            .AddSales()
            // The simulated provider keeps its charges beside the orders, so a paid order can still be refunded after a restart.
            .AddSimulatedPaymentGateway(simulator => simulator.JournalPath ??= Path.Combine(dataDirectory, "payment-simulator.jsonl")));

        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Responses the framework writes itself (unknown route, wrong method) get a code too.
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
                {
                    StatusCodes.Status401Unauthorized => ProblemCodes.Unauthorized,
                    StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
                    StatusCodes.Status404NotFound => ProblemCodes.NotFound,
                    StatusCodes.Status413PayloadTooLarge => ProblemCodes.PayloadTooLarge,
                    >= 500 => ProblemCodes.InternalError,
                    _ => ProblemCodes.ValidationFailed,
                };
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        AddAuthentication(builder, options, dataDirectory);
        AddRateLimiting(services, options.RateLimit);
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<SoldOutCache>();
        services.AddHostedService(sp => sp.GetRequiredService<SoldOutCache>());
        services.AddHostedService<BootstrapAccounts>();
        if (options.DemoCatalog)
        {
            services.AddHostedService<DemoCatalog>();
        }

        services.AddOpenApi(openApi => openApi
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "RunRun";
                document.Info.Description = "A flash-sale engine. Errors are RFC 9457 problem details with a stable `code`; "
                    + "each problem response lists its codes in its description and in `x-problem-codes`.";
                return Task.CompletedTask;
            })
            .AddOperationTransformer(ProblemResponses.DescribeAsync));
        return builder;
    }

    private static void AddAuthentication(WebApplicationBuilder builder, ApiOptions options, string dataDirectory)
    {
        var jwt = options.Jwt;
        var ownKey = new SymmetricSecurityKey(SigningKeys.Resolve(jwt, dataDirectory));
        var keysByIssuer = new Dictionary<string, SecurityKey[]>(StringComparer.Ordinal) { [jwt.Issuer] = [ownKey] };
        foreach (var external in jwt.ExternalIssuers)
        {
            if (SigningKeys.TryDecode(external.SigningKey, out var key) && !string.IsNullOrWhiteSpace(external.Issuer))
            {
                keysByIssuer[external.Issuer] = [new SymmetricSecurityKey(key)];
            }
        }

        builder.Services.AddSingleton(sp => new TokenIssuer(jwt, ownKey, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ValidatedTokenCache>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            // Claims keep their JWT names ("sub", "role"), not the long WS-Federation URIs.
            bearer.SecurityTokenValidators.Clear();
            bearer.SecurityTokenValidators.Add(new JwtSecurityTokenHandler { MapInboundClaims = false });
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = keysByIssuer.Keys,
                ValidAudience = jwt.Audience,
                // Each issuer's tokens are checked only with that issuer's key, so an external issuer cannot mint ours.
                IssuerSigningKeyResolver = (_, token, _, _) => keysByIssuer.GetValueOrDefault(token.Issuer) ?? [],
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TokenLifetime.ClockSkew,
                NameClaimType = "name",
                RoleClaimType = TokenIssuer.RoleClaim,
            };
            bearer.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await ApiProblem.Create(ProblemCodes.Unauthorized, "Sign in first.",
                        context.AuthenticateFailure is null ? "A bearer token is required." : "The bearer token is not valid.").ExecuteAsync(context.HttpContext);
                },
            };
        });

        // Tokens are stamped with the app's TimeProvider; the library's own lifetime check reads
        // the system clock directly, so under another clock (a test's) tokens would expire on the wrong one.
        // The token cache is wired here, once, so a request does not look it up in the container.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider, ValidatedTokenCache>((bearer, timeProvider, tokens) =>
            {
                bearer.Events.OnMessageReceived = context =>
                {
                    if (ValidatedTokenCache.TokenOf(context.Request) is { } token && tokens.TryGet(token, out var principal))
                    {
                        context.Principal = principal;
                        context.Success();
                    }

                    return Task.CompletedTask;
                };
                bearer.Events.OnTokenValidated = context =>
                {
                    if (ValidatedTokenCache.TokenOf(context.Request) is { } token && context.SecurityToken is JwtSecurityToken validated)
                    {
                        // The library reports an absent "nbf" as DateTime.MinValue.
                        DateTimeOffset? notBefore = validated.ValidFrom == DateTime.MinValue ? null : new DateTimeOffset(validated.ValidFrom, TimeSpan.Zero);
                        var principal = new ActorPrincipal(context.Principal!);
                        context.Principal = principal;
                        tokens.Add(token, principal, notBefore, new DateTimeOffset(validated.ValidTo, TimeSpan.Zero));
                    }

                    return Task.CompletedTask;
                };
                var parameters = bearer.TokenValidationParameters;
                parameters.LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.IsCurrent(
                    timeProvider.GetUtcNow(),
                    notBefore is { } from ? new DateTimeOffset(from.ToUniversalTime(), TimeSpan.Zero) : null,
                    expires is { } until ? new DateTimeOffset(until.ToUniversalTime(), TimeSpan.Zero) : null);
            });
    }

    private static void AddRateLimiting(IServiceCollection services, RateLimitOptions limits) =>
        services.AddSingleton(sp => new AccountRateLimiter(limits, sp.GetRequiredService<TimeProvider>()));
}
