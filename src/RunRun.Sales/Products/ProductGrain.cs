using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Actors.Runtime;
using RunRun.Sales.Hosting;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Products;

/// <summary>
/// One product's catalogue data. Every successful command hands the sale terms to the product's
/// stock grain, which enforces them on each reservation.
/// </summary>
internal sealed class ProductGrain(
    [PersistentState("product")] IPersistentState<ProductState> product,
    IOptions<ProductOptions> options,
    TimeProvider timeProvider) : Grain, IProductGrain
{
    private string ProductId => this.GetPrimaryKeyString();

    public async Task<ProductResult> Create(Actor actor, ProductDraft draft)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(actor.UserId) || !(actor.IsSeller || actor.IsOperator))
        {
            return ProductResult.Fail(ProductStatus.Forbidden);
        }

        if (product.RecordExists)
        {
            return ProductResult.Fail(ProductStatus.AlreadyExists);
        }

        if (ProductDraftValidator.Validate(draft, options.Value.Currencies) is [_, ..] errors)
        {
            return ProductResult.Fail(ProductStatus.Invalid, [.. errors]);
        }

        var now = timeProvider.GetUtcNow();
        var state = new ProductState { SellerId = actor.UserId, CreatedAt = now };
        state.Apply(draft, now);
        return await SaveAsync(state);
    }

    public async Task<ProductResult> Update(Actor actor, ProductDraft draft)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!product.RecordExists)
        {
            return ProductResult.Fail(ProductStatus.NotFound);
        }

        if (!MayEdit(actor))
        {
            return ProductResult.Fail(ProductStatus.Forbidden);
        }

        if (ProductDraftValidator.Validate(draft, options.Value.Currencies) is [_, ..] errors)
        {
            return ProductResult.Fail(ProductStatus.Invalid, [.. errors]);
        }

        var current = product.State;
        var state = new ProductState { SellerId = current.SellerId, CreatedAt = current.CreatedAt };
        state.Apply(draft, timeProvider.GetUtcNow());
        return await SaveAsync(state);
    }

    public Task<ProductInfo?> Get() =>
        Task.FromResult(product.RecordExists ? product.State.ToInfo(ProductId) : null);

    // A seller whose role was taken away keeps no rights over the products they listed.
    private bool MayEdit(Actor actor) =>
        !string.IsNullOrWhiteSpace(actor.UserId)
        && (actor.IsOperator || (actor.IsSeller && string.Equals(actor.UserId, product.State.SellerId, StringComparison.Ordinal)));

    /// <summary>
    /// Stores the product, then pushes its terms and its catalogue entry. The pushes come second so
    /// neither the stock grain nor the catalogue holds what was not stored; if one fails the caller
    /// sees the error, and repeating the update pushes the stored values again.
    /// </summary>
    private async Task<ProductResult> SaveAsync(ProductState state)
    {
        product.State = state;
        try
        {
            await product.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have landed; a fresh activation reads what storage really holds.
            DeactivateOnIdle();
            throw;
        }

        await GrainFactory.GetGrain<IStockGrain>(ProductId).Configure(state.Terms);
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).Upsert(
            new CatalogEntry(ProductId, state.Kind, state.SaleStartsAt, state.SaleEndsAt, state.CreatedAt));
        return ProductResult.Ok(state.ToInfo(ProductId));
    }
}
