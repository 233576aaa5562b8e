using RunRun.Api.Bare;

// The bare endpoint the API's order throughput is measured against: same route, same request and
// response JSON, but nothing behind it, so the ratio isolates what the API and the grains add.
// Usage: dotnet RunRun.Api.Bare.dll [--urls http://127.0.0.1:5081]
const string DefaultUrl = "http://127.0.0.1:5081";

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BareJsonContext.Default));
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.MapPost("/api/orders", PlaceOrderEndpoint.Handle);
app.Run();
