namespace RunRun.Sales.Products;

public enum ProductKind
{
    /// <summary>On sale whenever it has stock (within its window, if it has one).</summary>
    General,

    /// <summary>On sale only from a set moment: the flash sale.</summary>
    TimeDeal,
}
