using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RunRun.Actors;
using RunRun.Api.Infrastructure;
using RunRun.Api.Orders;
using RunRun.Sales;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Api.Products;

/// <summary>The catalogue: anyone lists and reads; sellers create, edit their own and add stock; operators act on any.</summary>
internal static class ProductEndpoints
{
    public static RouteGroupBuilder MapProducts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/products").WithTags("Products").ProducesServerProblems();
        group.MapGet("", ListAsync).WithName("ListProducts").WithSummary("Products, newest first, with live availability.")
            .ProducesProblems(ProblemCodes.ValidationFailed);
        group.MapGet("/{productId}", GetAsync).WithName("GetProduct").WithSummary("One product with live availability.")
            .ProducesProblems(ProblemCodes.NotFound);
        group.MapPost("", CreateAsync).WithName("CreateProduct").RequireAuthorization()
            .WithSummary("Create a product (sellers and operators).")
            .ProducesProblems(ProblemCodes.Unauthorized, ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.Forbidden, ProblemCodes.Conflict);
        group.MapPut("/{productId}", UpdateAsync).WithName("UpdateProduct").RequireAuthorization()
            .WithSummary("Edit a product (its seller or an operator).")
            .ProducesProblems(ProblemCodes.Unauthorized, ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.Forbidden, ProblemCodes.NotFound);
        group.MapPost("/{productId}/stock", AddStockAsync).WithName("AddStock").RequireAuthorization()
            .WithSummary("Add units to a product's stock (its seller or an operator); with an Idempotency-Key, once per key.")
            .WithIdempotencyKeyHeader(
                "Optional. A retry with the same key and quantity adds nothing again and answers the availability now; the same key with another quantity answers 422 idempotency_conflict. A product remembers its latest 100 keys.",
                required: false)
            .ProducesProblems(ProblemCodes.Unauthorized, ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.Forbidden, ProblemCodes.NotFound, ProblemCodes.IdempotencyConflict);
        return group;
    }

    private static async Task<Results<Ok<ProductList>, ApiProblem>> ListAsync(
        IGrainFactory grains, TimeProvider timeProvider, int? page, int? pageSize, ProductKind? kind, bool? onSale)
    {
        if (Paging.Check(page, pageSize, out var p, out var size) is { } invalid)
        {
            return invalid;
        }

        // The query binder takes numbers for enums; only the names are part of the contract.
        if (kind is { } asked && !Enum.IsDefined(asked))
        {
            return ApiProblem.Validation("kind", $"The kind must be {ProductKind.General} or {ProductKind.TimeDeal}.");
        }

        var now = timeProvider.GetUtcNow();
        // onSale=false asks for the complement of onSale=true: the products outside their sale window now.
        var listing = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(
            new CatalogQuery(p, size, kind, onSale is null ? null : now, OnSale: onSale != false));
        var products = await Task.WhenAll(listing.ProductIds.Select(id => ReadAsync(id, grains, now)));
        return TypedResults.Ok(new ProductList([.. products.OfType<ProductView>()], listing.Page, listing.PageSize, listing.Total));
    }

    private static async Task<Results<Ok<ProductView>, ApiProblem>> GetAsync(string productId, IGrainFactory grains, TimeProvider timeProvider) =>
        await ReadAsync(productId, grains, timeProvider.GetUtcNow()) is { } product ? TypedResults.Ok(product) : ApiProblem.NotFound("product");

    private static async Task<Results<Created<ProductView>, ApiProblem>> CreateAsync(
        ProductBody? body, ClaimsPrincipal user, IGrainFactory grains, TimeProvider timeProvider)
    {
        var actor = CurrentActor.Of(user);
        if (!actor.IsSeller && !actor.IsOperator)
        {
            return ApiProblem.Forbidden("Only sellers and operators create products.");
        }

        if (ToDraft(body, out var draft) is { } invalid)
        {
            return invalid;
        }

        var productId = "p-" + Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var result = await grains.GetGrain<IProductGrain>(productId).Create(actor, draft);
        if (result.Status != ProductStatus.Ok)
        {
            return FromResult(result);
        }

        var view = await ViewWithStockAsync(result.Product!, grains, timeProvider.GetUtcNow());
        return TypedResults.Created($"/api/products/{productId}", view);
    }

    private static async Task<Results<Ok<ProductView>, ApiProblem>> UpdateAsync(
        string productId, ProductBody? body, ClaimsPrincipal user, IGrainFactory grains, TimeProvider timeProvider)
    {
        if (!RouteIds.IsWellFormed(productId))
        {
            return ApiProblem.NotFound("product");
        }

        if (ToDraft(body, out var draft) is { } invalid)
        {
            return invalid;
        }

        var result = await grains.GetGrain<IProductGrain>(productId).Update(CurrentActor.Of(user), draft);
        return result.Status == ProductStatus.Ok
            ? TypedResults.Ok(await ViewWithStockAsync(result.Product!, grains, timeProvider.GetUtcNow()))
            : FromResult(result);
    }

    private static async Task<Results<Ok<Availability>, ApiProblem>> AddStockAsync(
        string productId, StockBody? body, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, SoldOutCache soldOut, TimeProvider timeProvider)
    {
        if (body?.Quantity is not ({ } quantity and > 0 and <= 1_000_000_000))
        {
            return ApiProblem.Validation("quantity", "The quantity must be between 1 and 1000000000.");
        }

        if (!IdempotencyKey.TryReadOptional(request, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var product = RouteIds.IsWellFormed(productId) ? await grains.GetGrain<IProductGrain>(productId).Get() : null;
        if (product is null)
        {
            return ApiProblem.NotFound("product");
        }

        var actor = CurrentActor.Of(user);
        if (!actor.IsOperator && !(actor.IsSeller && actor.UserId == product.SellerId))
        {
            return ApiProblem.Forbidden("Only the product's seller or an operator adds stock.");
        }

        StockSnapshot snapshot;
        try
        {
            var stock = grains.GetGrain<IStockGrain>(productId);
            if (key is null)
            {
                snapshot = await stock.AddStock(quantity);
            }
            else if (await stock.AddStockOnce(key, quantity) is { Status: not RestockStatus.KeyConflict } restocked)
            {
                snapshot = restocked.Snapshot;
            }
            else
            {
                return ApiProblem.Create(ProblemCodes.IdempotencyConflict,
                    "The Idempotency-Key was used for another restock.", "Use a new key for a different quantity.");
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // The stock grain caps what a product may ever hold; a request past the cap is the client's error, not ours.
            return ApiProblem.Validation("quantity", "The product's stock may not exceed 1000000000 units in total.");
        }

        soldOut.Forget(productId);
        return TypedResults.Ok(ToAvailability(snapshot, product, timeProvider.GetUtcNow()));
    }

    private static async Task<ProductView?> ReadAsync(string productId, IGrainFactory grains, DateTimeOffset now)
    {
        if (!RouteIds.IsWellFormed(productId))
        {
            return null;
        }

        // Both reads at once: the product's data and its live stock live in different grains.
        var productTask = grains.GetGrain<IProductGrain>(productId).Get();
        var stockTask = grains.GetGrain<IStockGrain>(productId).GetSnapshot();
        var product = await productTask;
        var stock = await stockTask;
        return product is null ? null : ToView(product, stock, now);
    }

    /// <summary>A product a command just returned, with its live stock (one grain call, not two).</summary>
    private static async Task<ProductView> ViewWithStockAsync(ProductInfo product, IGrainFactory grains, DateTimeOffset now) =>
        ToView(product, await grains.GetGrain<IStockGrain>(product.ProductId).GetSnapshot(), now);

    private static ProductView ToView(ProductInfo product, StockSnapshot stock, DateTimeOffset now) => new(
        product.ProductId, product.SellerId, product.Name, product.Description, product.Price, product.Kind,
        product.SaleStartsAt, product.SaleEndsAt, product.PerShopperLimit, product.CreatedAt, product.UpdatedAt,
        ToAvailability(stock, product, now));

    private static Availability ToAvailability(StockSnapshot stock, ProductInfo product, DateTimeOffset now) => new(
        stock.Available, stock.Reserved, stock.Sold, stock.Available == 0,
        SaleWindow.Contains(product.SaleStartsAt, product.SaleEndsAt, now));

    private static ApiProblem? ToDraft(ProductBody? body, out ProductDraft draft)
    {
        draft = null!;
        var errors = new List<(string, string)>();
        if (body is null)
        {
            return ApiProblem.Validation("body", "A product is required.");
        }

        if (body.Price?.Amount is null || body.Price.Currency is null)
        {
            errors.Add(("price", "A price with amount and currency is required."));
        }

        if (body.Kind is null)
        {
            errors.Add(("kind", "The kind (General or TimeDeal) is required."));
        }

        if (body.PerShopperLimit is null)
        {
            errors.Add(("perShopperLimit", "A per-shopper limit is required."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        draft = new ProductDraft(body.Name ?? string.Empty, body.Description, new Money(body.Price!.Amount!.Value, body.Price.Currency!),
            body.Kind!.Value, body.SaleStartsAt, body.SaleEndsAt, body.PerShopperLimit!.Value);
        return null;
    }

    private static ApiProblem FromResult(ProductResult result) => result.Status switch
    {
        ProductStatus.Invalid => ApiProblem.Validation(result.Errors.Select(error => (error.Field, error.Message))),
        ProductStatus.NotFound => ApiProblem.NotFound("product"),
        ProductStatus.Forbidden => ApiProblem.Forbidden("Only the product's seller or an operator may change it."),
        _ => ApiProblem.Create(ProblemCodes.Conflict, "The product exists already."),
    };
}
