using PakLoad.Conversations.Language;
using PakLoad.Core.Vehicles;

namespace PakLoad.Conversations.Tests.Language;

public sealed class VehicleInterpreterTests
{
    private static VehicleReading Read(string? message) => VehicleInterpreter.Default.Interpret(Normalizer.Normalize(message).Tokens);

    [Theory]
    [InlineData("22 wheeler", "22-wheeler", "")]
    [InlineData("22-wheeler", "22-wheeler", "")]
    [InlineData("22wheeler chahiye", "22-wheeler", "")]
    [InlineData("bais wheeler", "22-wheeler", "")]
    [InlineData("بائیس ویلر", "22-wheeler", "")]
    [InlineData("۲۲ ویلر", "22-wheeler", "")]
    [InlineData("10 wheeler", "10-wheeler", "")]
    [InlineData("دس ویلر", "10-wheeler", "")]
    [InlineData("6 wheeler", "6-wheeler", "")]
    [InlineData("40 ft container", "container-40ft", "")]
    [InlineData("40ft", "container-40ft", "")]
    [InlineData("40 feet container", "container-40ft", "")]
    [InlineData("20 foot", "container-20ft", "")]
    [InlineData("mazda", "mazda", "")]
    [InlineData("مزدا", "mazda", "")]
    [InlineData("shehzore", "shehzore", "")]
    [InlineData("suzuki ravi", "pickup", "")]
    [InlineData("mazda dala", "mazda", "open")]
    [InlineData("22 wheeler container", "22-wheeler", "container")]
    [InlineData("dala", "", "open")]
    [InlineData("ڈالا", "", "open")]
    [InlineData("container", "", "container")]
    [InlineData("phatta", "", "flatbed")]
    [InlineData("reefer", "", "reefer")]
    [InlineData("Karachi se Lahore 20 ton kal 22 wheeler", "22-wheeler", "")]
    [InlineData("Need a Mazda from Faisalabad to Multan tomorrow, 4 tons, 60k", "mazda", "")]
    [InlineData("کراچی سے لاہور بیس ٹن کل", "", "")]
    [InlineData("hello", "", "")]
    [InlineData("20 ton", "", "")]
    [InlineData("", "", "")]
    [InlineData(null, "", "")]
    public void Interpret_VehicleWords_GivesClassAndBody(string? message, string vehicleClass, string body)
    {
        var reading = Read(message);
        Assert.Equal(vehicleClass.Length == 0 ? null : new VehicleClassId(vehicleClass), reading.Class);
        Assert.Equal(body.Length == 0 ? null : new BodyTypeId(body), reading.Body);
    }

    [Fact]
    public void Interpret_MultiTokenAlias_ReportsSpan()
    {
        var reading = Read("Karachi se Lahore 20 ton kal 22 wheeler");
        Assert.Equal(new TokenSpan(6, 2), reading.ClassSpan);
    }

    [Fact]
    public void Interpret_HugeAndStrangeInput_DoesNotThrow()
    {
        foreach (var input in StrangeInputs.All)
        {
            _ = Read(input);
        }
    }
}
