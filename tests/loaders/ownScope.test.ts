// The scope check of uploads below the region (loaders/ownScope.ts), hand-worked: which school of a
// file lies outside a municipality's or a school's lock.
import {describe, expect, it} from "vitest";
import {firstOutside, type ScopeLock} from "../../loaders/ownScope.ts";

const tara: ScopeLock = {level: "municipality", municipality: "Тарский муниципальный район", name: "Тарский муниципальный район",
  schools: [{name: "МБОУ «Тарская СОШ № 3»", aliases: ["Тарская средняя школа №3"]}, {name: "МКОУ «Тарская ООШ № 5»", aliases: []}]};
const tara3: ScopeLock = {level: "school", municipality: "Тарский муниципальный район", name: "МБОУ «Тарская СОШ № 3»",
  schools: [{name: "МБОУ «Тарская СОШ № 3»", aliases: ["Тарская средняя школа №3"]}]};

describe("firstOutside", () => {
  it("a municipality accepts its district however written, and a school of it the directory does not know yet", () => {
    expect(firstOutside([{name: "Тарская СОШ № 3", municipality: "Тарский р-н"}, {name: "Тарская СОШ № 9", municipality: "Тарского района"}], tara))
      .toBeUndefined();
  });
  it("a municipality refuses a school of another district, the first one met", () => {
    const named = [{name: "Тарская СОШ № 3", municipality: "Тарский"}, {name: "Саргатская СОШ № 1", municipality: "Саргатский р-н", row: 7},
      {name: "Омская СОШ № 12", municipality: "Омский"}];
    expect(firstOutside(named, tara)).toEqual(named[1]);
  });
  it("without a district a school must be one the municipality's schools are known by", () => {
    expect(firstOutside([{name: "Тарская средняя школа № 3", municipality: ""}], tara)).toBeUndefined();
    expect(firstOutside([{name: "Тарская СОШ № 9", municipality: null}], tara)).toEqual({name: "Тарская СОШ № 9", municipality: null});
  });
  it("a row that names no school is outside any lock", () => {
    expect(firstOutside([{name: " ", municipality: "Тарский"}], tara)).toEqual({name: " ", municipality: "Тарский"});
  });
  it("a school accepts its own spellings only, in its district", () => {
    expect(firstOutside([{name: "Тарская средняя школа № 3", municipality: "Тарский р-н"}, {name: "МБОУ Тарская СОШ №3", municipality: null}], tara3))
      .toBeUndefined();
    expect(firstOutside([{name: "Тарская ООШ № 5", municipality: "Тарский"}], tara3)).toEqual({name: "Тарская ООШ № 5", municipality: "Тарский"});
    expect(firstOutside([{name: "Тарская СОШ № 3", municipality: "Саргатский"}], tara3)).toEqual({name: "Тарская СОШ № 3", municipality: "Саргатский"});
  });
});
