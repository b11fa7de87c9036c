namespace Affinity.Server.Hosting;

/// <summary>
/// A request the API refuses, turned into a ProblemDetails response by <see cref="ProblemMapper"/>:
/// a 400 naming the offending field, a 404 for something that does not exist, a 409 for a conflict.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, string title, string detail, string? field = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        Status = status;
        Title = title;
        Field = field;
    }

    public ApiException()
        : this(400, "Bad request", "The request is invalid.")
    {
    }

    public ApiException(string message)
        : this(400, "Bad request", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : this(400, "Bad request", message, null, innerException)
    {
    }

    public int Status { get; }

    public string Title { get; }

    /// <summary>The request field at fault (a query parameter, a JSON path), when one is.</summary>
    public string? Field { get; }

    public static ApiException Invalid(string field, string detail) => new(400, "Invalid request", detail, field);

    public static ApiException NotFound(string detail) => new(404, "Not found", detail);

    public static ApiException Conflict(string detail) => new(409, "Conflict", detail);
}
