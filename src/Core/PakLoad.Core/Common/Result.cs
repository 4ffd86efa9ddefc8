using System.Diagnostics.CodeAnalysis;

namespace PakLoad.Core.Common;

/// <summary>The outcome of an operation that can fail for a reason the user must hear about.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T? value, Error? error)
    {
        _value = value;
        _error = error;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => _error is null;

    public T? Value => _value;

    public Error? Error => _error;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsSuccess ? Result<TOut>.Success(map(Value)) : Result<TOut>.Failure(Error);

    /// <summary>For callers that already validated the input (seed data, tests): a failure here is a bug.</summary>
    public T ValueOrThrow() =>
        IsSuccess ? Value : throw new InvalidOperationException($"Expected success but got {Error}.");

    public override string ToString() => IsSuccess ? $"Success({Value})" : $"Failure({Error})";
}
