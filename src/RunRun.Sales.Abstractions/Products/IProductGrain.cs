using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Products;

/// <summary>One product's catalogue data, keyed by product id. Sellers own their products.</summary>
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Creates the product for a seller; refused if it exists or the draft is invalid.</summary>
    Task<ProductResult> Create(Actor actor, ProductDraft draft);

    /// <summary>Replaces the product's data; only its seller or an operator may.</summary>
    Task<ProductResult> Update(Actor actor, ProductDraft draft);

    [ReadOnly]
    Task<ProductInfo?> Get();
}
