using PakLoad.Core.Common;

namespace PakLoad.Core.Tests.Common;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1, 20, 1, 20)]
    [InlineData(3, 50, 3, 50)]
    [InlineData(0, 20, 1, 20)]
    [InlineData(-4, 20, 1, 20)]
    [InlineData(1, 100, 1, 100)]
    [InlineData(1, 101, 1, 100)]
    [InlineData(1, 0, 1, Paging.DefaultPageSize)]
    [InlineData(1, -1, 1, Paging.DefaultPageSize)]
    public void Normalize_OutOfRange_IsClampedToAPageThatExists(int page, int size, int expectedPage, int expectedSize) =>
        Assert.Equal((expectedPage, expectedSize), Paging.Normalize(page, size));
}
