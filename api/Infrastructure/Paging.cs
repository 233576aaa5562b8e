namespace RunRun.Api.Infrastructure;

/// <summary>Page and page size from the query string: page from 1, size 1 to 100, 20 by default.</summary>
internal static class Paging
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public static ApiProblem? Check(int? page, int? pageSize, out int checkedPage, out int checkedSize)
    {
        checkedPage = page ?? 1;
        checkedSize = pageSize ?? DefaultPageSize;
        var errors = new List<(string, string)>();
        if (checkedPage < 1)
        {
            errors.Add(("page", "The page must be at least 1."));
        }

        if (checkedSize is < 1 or > MaxPageSize)
        {
            errors.Add(("pageSize", $"The page size must be between 1 and {MaxPageSize}."));
        }

        return errors.Count > 0 ? ApiProblem.Validation(errors) : null;
    }
}
